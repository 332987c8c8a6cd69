/*
 * SQLite's own cost of loading patients, by CHECK constraint spelling (docs/PERFORMANCE.md, sync
 * item 14; ADR 0013). No Prontivus code: sqlite-jdbc, one connection, WAL + synchronous=FULL,
 * 1,000,000 generated rows in batches of 20,000 per transaction, as the bulk bootstrap writes them.
 *
 *   java -cp target/lib/sqlite-jdbc-<version>.jar:target/lib/slf4j-api-<version>.jar \
 *        bench/LoadHarness.java VARIANT ROWS [SCHEMA.sql]
 *
 * VARIANT: "bare" (the raw pipeline's table) or "real" (the CREATE TABLE in SCHEMA.sql, e.g. the
 * patients table of a file kept by `bench local --keep`, without its indexes, with its CHECKs as
 * shipped or edited); add "upsert" for the pull's ON CONFLICT form and "bigcache" for the
 * bootstrap's 256 MiB cache and 32,768-page auto-checkpoint.
 */
import java.sql.*;
import java.util.*;

public class LoadHarness {
    static final String COLS = "id, clinic_id, full_name, social_name, cpf, birth_date, sex, phone, email, address, notes, search_name, row_version, updated_at, updated_by, deleted, field_versions";
    public static void main(String[] a) throws Exception {
        String variant = a[0]; int n = Integer.parseInt(a[1]); String ddl = a.length > 2 ? a[2] : null;
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lh");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("x.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL"); s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA cache_size=-" + (variant.contains("bigcache") ? 262144 : 2048));
                s.execute("PRAGMA wal_autocheckpoint=" + (variant.contains("bigcache") ? 32768 : 1000));
                if (variant.startsWith("bare")) {
                    s.execute("CREATE TABLE patients (id TEXT PRIMARY KEY, clinic_id TEXT, full_name TEXT, social_name TEXT, cpf TEXT, birth_date TEXT, sex TEXT, phone TEXT, email TEXT, address TEXT, notes TEXT, search_name TEXT, row_version INTEGER, updated_at INTEGER, updated_by TEXT, deleted INTEGER, field_versions TEXT)");
                } else {
                    s.execute(new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(ddl))));
                }
            }
            String[] cols = COLS.split(", ");
            String sql = "INSERT INTO patients (" + COLS + ") VALUES (" + String.join(", ", Collections.nCopies(cols.length, "?")) + ")";
            if (variant.contains("upsert")) {
                StringBuilder sb = new StringBuilder(sql).append(" ON CONFLICT (id) DO UPDATE SET ");
                for (int i = 1; i < cols.length; i++) sb.append(i > 1 ? ", " : "").append(cols[i]).append(" = excluded.").append(cols[i]);
                sql = sb.toString();
            }
            c.setAutoCommit(false);
            Random r = new Random(1);
            String clinic = UUID.randomUUID().toString(), dev = UUID.randomUUID().toString();
            String fv = "{\"address\":117681485915422720,\"birth_date\":117681485915422720,\"cpf\":117681485915422720,\"email\":117681485915422720,\"full_name\":117681485915422720,\"notes\":117681485915422720,\"phone\":117681485915422720,\"search_name\":117681485915422720,\"sex\":117681485915422720,\"social_name\":117681485915422720}";
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                long ms = System.currentTimeMillis();
                for (int i = 0; i < n; i++) {
                    long hi = ((ms + i / 50) << 16) | 0x7000 | r.nextInt(4096);
                    String id = new UUID(hi, (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L).toString();
                    ps.setString(1, id); ps.setString(2, clinic); ps.setString(3, "Maria Aparecida da Silva Santos " + i);
                    ps.setNull(4, Types.NULL); ps.setString(5, String.format("%011d", (long) (r.nextDouble() * 99999999999L)));
                    ps.setString(6, "1960-02-08"); ps.setString(7, "female"); ps.setString(8, "11" + (900000000 + r.nextInt(99999999)));
                    ps.setString(9, i % 3 == 0 ? "maria" + i + "@example.com" : null); ps.setString(10, "Rua das Flores, " + i);
                    ps.setNull(11, Types.NULL); ps.setString(12, "maria aparecida da silva santos " + i);
                    ps.setLong(13, i + 1); ps.setLong(14, 117681485915422720L + i); ps.setString(15, dev); ps.setInt(16, 0); ps.setString(17, fv);
                    ps.addBatch();
                    if ((i + 1) % 20000 == 0) { ps.executeBatch(); c.commit(); }
                }
                ps.executeBatch(); c.commit();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: %d rows in %.2f s = %,.0f rows/s%n", variant, n, s, n / s);
        }
    }
}
