/*
 * SQLite's own cost of what a bulk bootstrap leaves on a new desktop (docs/PERFORMANCE.md, "What
 * the bootstrap target asks of SQLite"; issue 4). No Prontivus code and no PostgreSQL: the rows are
 * generated in memory first (not timed), then written the way BulkBootstrap writes them, with
 * sqlite-jdbc, WAL + synchronous=FULL, the bootstrap's 256 MiB cache and 32,768-page auto-checkpoint:
 *
 *   1. load     the patients, in transactions of 5,000 rows (the pull chunk), into the real
 *               table with only its primary key (its CHECKs as shipped);
 *   2. terms    one row per distinct word of each name, sorted by the primary key in Java, into
 *               patient_search_terms with its primary key only and foreign keys off, one transaction;
 *   3. indexes  every secondary index of both tables, as shipped, built afterwards with 2 sorter
 *               threads and a 16 MiB cache (BulkBootstrap.buildIndex).
 *
 * The schema is read from a real Prontivus data file, e.g. one kept by
 * `java -jar target/prontivus.jar bench local --keep --dir /tmp/kb --patients 2000` (.../run/data/prontivus.db):
 *
 *   java -cp target/lib/sqlite-jdbc-<version>.jar:target/lib/slf4j-api-<version>.jar \
 *        bench/BootstrapFloor.java SCHEMA_DB [ROWS=1000000]
 *
 * Names: four words drawn from 40 first names and 40 surnames, one patient in ten with a social
 * name of two more words, so ~4 distinct words per patient as in the bench's generator.
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import java.util.*;

public class BootstrapFloor {
    static final String[] FIRST = ("maria jose ana joao antonio francisca carlos paulo pedro lucas luiz marcos gabriel "
            + "rafael daniel marcelo bruno eduardo felipe rodrigo aline juliana patricia fernanda vanessa camila "
            + "amanda bruna leticia mariana tulio caua helena alice laura manuela sophia isabela valentina heloisa").split(" ");
    static final String[] LAST = ("silva santos oliveira souza rodrigues ferreira alves pereira lima gomes costa ribeiro "
            + "martins carvalho almeida lopes soares fernandes vieira barbosa rocha dias nascimento andrade moreira "
            + "nunes marques machado mendes freitas cardoso ramos goncalves santana teixeira moura correia araujo "
            + "pinto cavalcanti").split(" ");
    static final String COLS = "id, clinic_id, full_name, social_name, cpf, birth_date, sex, phone, email, address, notes, "
            + "search_name, row_version, updated_at, updated_by, deleted, field_versions";

    record Patient(String id, String fullName, String socialName, String cpf, String phone, String searchName) {}
    record Term(String term, String patientId, String searchName) {}

    public static void main(String[] a) throws Exception {
        Path schemaDb = Path.of(a[0]);
        int n = a.length > 1 ? Integer.parseInt(a[1]) : 1_000_000;
        List<String> tables = new ArrayList<>(), indexes = new ArrayList<>();
        try (Connection s = DriverManager.getConnection("jdbc:sqlite:" + schemaDb);
             ResultSet r = s.createStatement().executeQuery("SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL"
                     + " AND tbl_name IN ('patients', 'patient_search_terms') ORDER BY tbl_name, type DESC")) {
            while (r.next()) (r.getString(1).equals("table") ? tables : indexes).add(r.getString(2));
        }
        String clinic = UUID.randomUUID().toString(), device = UUID.randomUUID().toString();
        Random rnd = new Random(1);
        List<Patient> patients = new ArrayList<>(n);
        Set<String> cpfs = new HashSet<>();
        long ms = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            String[] w = {FIRST[rnd.nextInt(FIRST.length)], FIRST[rnd.nextInt(FIRST.length)],
                    LAST[rnd.nextInt(LAST.length)], LAST[rnd.nextInt(LAST.length)]};
            String search = String.join(" ", w);
            String social = i % 10 == 0 ? FIRST[rnd.nextInt(FIRST.length)] + " " + LAST[rnd.nextInt(LAST.length)] : null;
            String cpf;
            do cpf = String.format("%011d", (long) (rnd.nextDouble() * 99_999_999_999L)); while (!cpfs.add(cpf));
            long hi = ((ms + i / 50) << 16) | 0x7000 | rnd.nextInt(4096); // UUIDv7-shaped: ordered as the server sends them
            String id = new UUID(hi, (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L).toString();
            patients.add(new Patient(id, capitalize(w), social, cpf, "11" + (900_000_000 + rnd.nextInt(99_999_999)),
                    social == null ? search : social + " " + search));
        }
        Path dir = Files.createTempDirectory("bootstrap-floor");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("floor.db"))) {
            try (Statement s = c.createStatement()) {
                for (String p : List.of("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                        "cache_size = -262144", "wal_autocheckpoint = 32768")) s.execute("PRAGMA " + p);
                for (String t : tables) s.execute(t);
            }
            c.setAutoCommit(false);
            String fv = "{\"address\":117681485915422720,\"birth_date\":117681485915422720,\"cpf\":117681485915422720,"
                    + "\"email\":117681485915422720,\"full_name\":117681485915422720,\"notes\":117681485915422720,"
                    + "\"phone\":117681485915422720,\"search_name\":117681485915422720,\"sex\":117681485915422720,"
                    + "\"social_name\":117681485915422720}";
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO patients (" + COLS + ") VALUES ("
                    + String.join(", ", Collections.nCopies(COLS.split(", ").length, "?")) + ")")) {
                for (int i = 0; i < n; i++) {
                    Patient p = patients.get(i);
                    ps.setString(1, p.id()); ps.setString(2, clinic); ps.setString(3, p.fullName()); ps.setString(4, p.socialName());
                    ps.setString(5, p.cpf()); ps.setString(6, "1960-02-08"); ps.setString(7, "female"); ps.setString(8, p.phone());
                    ps.setString(9, i % 3 == 0 ? "p" + i + "@example.com" : null); ps.setString(10, "Rua das Flores, " + i);
                    ps.setNull(11, Types.NULL); ps.setString(12, p.searchName()); ps.setLong(13, i + 1);
                    ps.setLong(14, 117681485915422720L + i); ps.setString(15, device); ps.setInt(16, 0); ps.setString(17, fv);
                    ps.addBatch();
                    if ((i + 1) % 5000 == 0) { ps.executeBatch(); c.commit(); }
                }
                ps.executeBatch(); c.commit();
            }
            long t1 = System.nanoTime();
            List<Term> terms = new ArrayList<>(n * 5);
            for (Patient p : patients) {
                for (String word : new TreeSet<>(Arrays.asList(p.searchName().split(" ")))) {
                    terms.add(new Term(word, p.id(), p.searchName()));
                }
            }
            terms.sort(Comparator.comparing(Term::term).thenComparing(Term::patientId)); // ASCII words: UTF-16 order = BINARY
            long t2 = System.nanoTime();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) { s.execute("PRAGMA foreign_keys = OFF"); }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO patient_search_terms (clinic_id, term, patient_id, search_name) VALUES (?, ?, ?, ?)")) {
                for (Term t : terms) {
                    ps.setString(1, clinic); ps.setString(2, t.term()); ps.setString(3, t.patientId()); ps.setString(4, t.searchName());
                    ps.addBatch();
                }
                ps.executeBatch(); c.commit();
            }
            c.setAutoCommit(true);
            long t3 = System.nanoTime();
            Map<String, Double> indexSeconds = new LinkedHashMap<>();
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA threads = 2");
                s.execute("PRAGMA cache_size = -16384");
                for (String ix : indexes) {
                    long i0 = System.nanoTime();
                    s.execute(ix);
                    indexSeconds.put(ix.split("\\s+")[ix.startsWith("CREATE UNIQUE") ? 3 : 2], (System.nanoTime() - i0) / 1e9);
                }
            }
            long t4 = System.nanoTime();
            System.out.printf("sqlite-jdbc, %,d patients, %,d term rows, load %.2f%n", n, terms.size(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("  load     %6.2f s%n  terms    %6.2f s (of which the Java sort %.2f s)%n  indexes  %6.2f s %s%n",
                    (t1 - t0) / 1e9, (t3 - t1) / 1e9, (t2 - t1) / 1e9, (t4 - t3) / 1e9, indexSeconds);
            double total = (t4 - t0) / 1e9;
            System.out.printf("  total    %6.2f s = %,.0f rows/s%n", total, n / total);
        } finally {
            try (var files = Files.list(dir)) { for (Path f : files.toList()) Files.delete(f); }
            Files.delete(dir);
        }
    }

    static String capitalize(String[] words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) b.append(b.isEmpty() ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        return b.toString();
    }
}
