package br.com.prontivus.config;

/** Where an effective setting value came from, highest precedence first. */
public enum Source {
    FLAG("flag"),
    ENVIRONMENT("environment"),
    CONFIG_FILE("config file"),
    DEFAULT("default");

    private final String displayName;

    Source(String displayName) {
        this.displayName = displayName;
    }

    /** Lowercase name for humans: "flag", "environment", "config file", "default". */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
