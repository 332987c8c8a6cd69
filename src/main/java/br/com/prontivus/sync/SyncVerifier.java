package br.com.prontivus.sync;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.store.schema.SyncedTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Integrity check of one clinic between this desktop and the server (DESIGN.md invariant 5): per
 * synced table, a SHA-256 over the canonical form of every row (id, business fields, deleted,
 * row_version), in id order, computed the same way on both sides. Rows that may legitimately differ
 * right now are left out on both sides and counted: rows with a local op still waiting to be pushed,
 * and rows the server changed after this desktop's pull cursor (the next pull brings them).
 * Both sides are read as one consistent picture: the local file under the sync lock, the server in
 * one repeatable-read snapshot, each streamed, so a large clinic does not need to fit in memory.
 */
public final class SyncVerifier {

    /** At most this many example row ids per kind of difference in a report. */
    public static final int SAMPLE = 10;

    /** The comparison of one table. */
    public record TableCheck(String table, long localRows, String localDigest, long serverRows, String serverDigest,
                             long skipped, List<UUID> onlyLocal, List<UUID> onlyServer, List<UUID> different) {
        public boolean match() {
            return localDigest.equals(serverDigest);
        }
    }

    /** The comparison of every synced table, at pull cursor {@code cursor}. */
    public record Result(long cursor, List<TableCheck> tables) {
        public boolean allMatch() {
            return tables.stream().allMatch(TableCheck::match);
        }

        public List<String> divergent() {
            return tables.stream().filter(t -> !t.match()).map(TableCheck::table).toList();
        }
    }

    private final Database local;
    private final Database server;
    private final UUID clinicId;
    private final Path lockFile;

    /** {@code lockFile}: the data directory's sync lock, held during the check (null: none). */
    public SyncVerifier(Database local, Database server, UUID clinicId, Path lockFile) {
        this.local = local;
        this.server = server;
        this.clinicId = clinicId;
        this.lockFile = lockFile;
    }

    public Result verify() {
        Optional<SyncLock> lock = lockFile == null ? Optional.empty() : SyncLock.tryAcquire(lockFile);
        if (lockFile != null && lock.isEmpty()) {
            throw new SyncRefusedException("Another sync is running for this data directory; verify again when it ends");
        }
        try {
            long cursor = SyncStatus.read(local).cursor();
            Set<String> pending = pendingRows();
            return server.write(srv -> {
                srv.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                List<TableCheck> checks = new ArrayList<>();
                for (SyncedTable table : Schema.SYNCED_TABLES) {
                    Set<UUID> skip = new HashSet<>(srv.select(table.ID).from(table.table())
                            .where(table.CLINIC_ID.eq(clinicId)).and(table.ROW_VERSION.gt(cursor))
                            .fetch(table.ID));
                    checks.add(local.read(loc -> compare(table, loc, srv, skip, pending)));
                }
                return new Result(cursor, checks);
            });
        } finally {
            lock.ifPresent(SyncLock::close);
        }
    }

    private Set<String> pendingRows() {
        return local.read(dsl -> new HashSet<>(dsl.selectDistinct(Outbox.TABLE_NAME, Outbox.ROW_ID).from(Outbox.TABLE)
                .where(Outbox.STATUS.ne(OutboxCapture.ACKNOWLEDGED))
                .fetch(r -> r.value1() + "/" + r.value2())));
    }

    private TableCheck compare(SyncedTable table, DSLContext loc, DSLContext srv, Set<UUID> skipServer,
                               Set<String> pending) {
        MessageDigest localDigest = sha256();
        MessageDigest serverDigest = sha256();
        long localRows = 0;
        long serverRows = 0;
        Set<UUID> skipped = new HashSet<>(skipServer);
        List<UUID> onlyLocal = new ArrayList<>();
        List<UUID> onlyServer = new ArrayList<>();
        List<UUID> different = new ArrayList<>();
        List<Field<?>> fields = columns(table);
        try (Cursor<Record> l = loc.select(fields).from(table.table()).where(table.CLINIC_ID.eq(clinicId))
                .orderBy(table.ID).fetchLazy();
             Cursor<Record> s = srv.select(fields).from(table.table()).where(table.CLINIC_ID.eq(clinicId))
                     .orderBy(table.ID).fetchSize(2_000).fetchLazy()) {
            Row a = next(table, l, skipped, pending);
            Row b = next(table, s, skipped, pending);
            while (a != null || b != null) {
                int order = a == null ? 1 : b == null ? -1 : a.key().compareTo(b.key());
                if (order <= 0) {
                    localDigest.update(a.line());
                    localRows++;
                }
                if (order >= 0) {
                    serverDigest.update(b.line());
                    serverRows++;
                }
                if (order < 0) {
                    sample(onlyLocal, a.id());
                } else if (order > 0) {
                    sample(onlyServer, b.id());
                } else if (!java.util.Arrays.equals(a.line(), b.line())) {
                    sample(different, a.id());
                }
                if (order <= 0) {
                    a = next(table, l, skipped, pending);
                }
                if (order >= 0) {
                    b = next(table, s, skipped, pending);
                }
            }
        }
        return new TableCheck(table.name(), localRows, hex(localDigest), serverRows, hex(serverDigest),
                skipped.size(), onlyLocal, onlyServer, different);
    }

    private record Row(UUID id, String key, byte[] line) {
    }

    /** The next row of a side that is compared, skipping rows that may differ for now. */
    private static Row next(SyncedTable table, Cursor<Record> cursor, Set<UUID> skipped, Set<String> pending) {
        while (cursor.hasNext()) {
            Record r = cursor.fetchNext();
            UUID id = r.get(table.ID);
            if (skipped.contains(id)) {
                continue;
            }
            if (pending.contains(table.name() + "/" + id)) {
                skipped.add(id);
                continue;
            }
            return new Row(id, id.toString(), canonicalLine(table, r));
        }
        return null;
    }

    private static List<Field<?>> columns(SyncedTable table) {
        List<Field<?>> fields = new ArrayList<>();
        fields.add(table.ID);
        fields.addAll(table.dataFields());
        fields.add(table.DELETED);
        fields.add(table.ROW_VERSION);
        return fields;
    }

    /** One row's canonical JSON line: keys sorted, values as {@link CanonicalJson#canonical} has them. */
    static byte[] canonicalLine(SyncedTable table, Record r) {
        Map<String, Object> row = new TreeMap<>();
        for (Field<?> f : columns(table)) {
            row.put(f.getName(), CanonicalJson.canonical(r.get(f)));
        }
        return (CanonicalJson.write(row) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void sample(List<UUID> list, UUID id) {
        if (list.size() < SAMPLE) {
            list.add(id);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Per-table summary for reports: name → match. */
    public static Map<String, Boolean> summary(Result result) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        result.tables().forEach(t -> m.put(t.table(), t.match()));
        return m;
    }
}
