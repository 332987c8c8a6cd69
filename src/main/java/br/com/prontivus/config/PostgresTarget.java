package br.com.prontivus.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the PostgreSQL server is. Built from DATABASE_URL or from POSTGRES_*.
 *
 * <p>{@link #toString()} and {@link #maskedUrl()} never show the password; {@link #jdbcUrl()} carries no
 * credentials at all (pass {@link #user()} and {@link #password()} to the driver/pool separately).
 *
 * @param host host name or IP address (IPv6 without brackets)
 * @param port 1..65535
 * @param database database name
 * @param user user name (never blank)
 * @param password password, or null when none is configured (trust auth, .pgpass, ...)
 * @param sslMode one of {@link #SSL_MODES}
 */
public record PostgresTarget(String host, int port, String database, String user, String password, String sslMode) {

    /** Accepted sslmode values, as libpq spells them. */
    public static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public static final int DEFAULT_PORT = 5432;

    static final String URL_FORMS =
            "expected postgresql://user:password@host:port/database[?sslmode=...] or jdbc:postgresql://host:port/database";

    public PostgresTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        Objects.requireNonNull(sslMode, "sslMode");
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("unknown sslmode: " + sslMode);
        }
    }

    /** {@code jdbc:postgresql://host:port/db?sslmode=...}, without user or password. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + encode(database) + "?sslmode=" + sslMode;
    }

    /** {@code postgresql://user:****@host:port/db?sslmode=...} (no ":****" when there is no password). */
    public String maskedUrl() {
        return "postgresql://" + encode(user) + (password == null ? "" : ":" + Masking.MASK) + "@" + hostForUrl()
                + ":" + port + "/" + encode(database) + "?sslmode=" + sslMode;
    }

    @Override
    public String toString() {
        return "PostgresTarget[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "<none>" : Masking.MASK) + ", sslMode=" + sslMode + "]";
    }

    private String hostForUrl() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /**
     * Parses {@code postgresql://[user[:password]@]host[:port]/database[?sslmode=..]} (also {@code postgres://})
     * or {@code jdbc:postgresql://host[:port]/database[?user=..&password=..&sslmode=..]}. User and password are
     * percent-decoded. Components missing from the URL are taken from {@code fallback} (whose host and database
     * are ignored): this is how POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_PORT and POSTGRES_SSL_MODE fill in
     * what the URL leaves out.
     *
     * @throws InvalidSettingException naming DATABASE_URL, with the password masked
     */
    public static PostgresTarget parse(String url, Defaults fallback) {
        Objects.requireNonNull(fallback, "fallback");
        String masked = Masking.maskUrl(url);
        if (url == null) {
            throw bad(null);
        }
        String s = url.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("postgresql://")) {
            rest = s.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = s.substring("postgres://".length());
        } else if (lower.startsWith("jdbc:postgresql://")) {
            rest = s.substring("jdbc:postgresql://".length());
        } else {
            throw bad(masked);
        }
        // Fragment is meaningless for us; cut it off so it can't leak into the database name.
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String afterAuthority = authorityEnd < 0 ? "" : rest.substring(authorityEnd);

        String user = null;
        String password = null;
        // lastIndexOf: tolerate an un-encoded '@' inside the password.
        int at = authority.lastIndexOf('@');
        String hostPort = authority;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            hostPort = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), masked);
            if (colon >= 0) {
                password = decode(userInfo.substring(colon + 1), masked);
            }
        }

        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw bad(masked);
            }
            host = hostPort.substring(1, close);
            String tail = hostPort.substring(close + 1);
            if (!tail.isEmpty()) {
                if (!tail.startsWith(":")) {
                    throw bad(masked);
                }
                portText = tail.substring(1);
            }
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isEmpty() || !validHost(host)) {
            throw bad(masked);
        }
        int port = fallback.port();
        if (portText != null) {
            port = parsePort(portText, masked);
        }

        String path = afterAuthority;
        String query = "";
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        if (!path.startsWith("/") || path.length() < 2) {
            throw bad(masked);
        }
        String database = decode(path.substring(1), masked);
        if (database.isBlank() || database.contains("/")) {
            throw bad(masked);
        }

        Map<String, String> params = parseQuery(query, masked);
        if (params.containsKey("user")) {
            user = params.get("user");
        }
        if (params.containsKey("password")) {
            password = params.get("password");
        }
        String sslMode = fallback.sslMode();
        if (params.containsKey("sslmode")) {
            sslMode = params.get("sslmode").toLowerCase(Locale.ROOT);
            if (!SSL_MODES.contains(sslMode)) {
                throw new InvalidSettingException(
                        Setting.DATABASE_URL.name(), masked, "sslmode must be one of " + String.join(", ", SSL_MODES));
            }
        }
        if (user == null || user.isEmpty()) {
            user = fallback.user();
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (password == null) {
            password = fallback.password();
        }
        return new PostgresTarget(host, port, database, user, password, sslMode);
    }

    /**
     * The values used where the URL is silent.
     *
     * @param port used when the URL has no port
     * @param user used when the URL has no user
     * @param password used when the URL has no password (may be null)
     * @param sslMode used when the URL has no sslmode
     */
    public record Defaults(int port, String user, String password, String sslMode) {
        /** port 5432, user prontivus, no password, sslmode prefer. */
        public static final Defaults STANDARD = new Defaults(DEFAULT_PORT, "prontivus", null, "prefer");

        @Override
        public String toString() {
            return "Defaults[port=" + port + ", user=" + user + ", password="
                    + (password == null ? "<none>" : Masking.MASK) + ", sslMode=" + sslMode + "]";
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static InvalidSettingException bad(String masked) {
        return new InvalidSettingException(Setting.DATABASE_URL.name(), masked, URL_FORMS);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static boolean validHost(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == ':' || c == '%';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int parsePort(String text, String masked) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw bad(masked);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw bad(masked);
        }
        return port;
    }

    private static Map<String, String> parseQuery(String query, String masked) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), masked).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), masked);
            params.put(key, value);
        }
        return params;
    }

    /** RFC 3986 percent-decoding as UTF-8; unlike URLDecoder, '+' stays a plus sign. */
    static String decode(String s, String maskedForErrors) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%') {
                if (i + 2 >= bytes.length) {
                    throw bad(maskedForErrors);
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw bad(maskedForErrors);
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
