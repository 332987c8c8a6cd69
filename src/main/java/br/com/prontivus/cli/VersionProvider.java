package br.com.prontivus.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (or "development" when run from classes). Touches no JavaFX. */
final class VersionProvider implements IVersionProvider {

    static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
                "Prontivus " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
