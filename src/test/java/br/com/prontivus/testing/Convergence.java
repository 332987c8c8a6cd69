package br.com.prontivus.testing;

import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.store.schema.SyncedTable;
import br.com.prontivus.sync.CanonicalJson;
import br.com.prontivus.sync.ChangeKind;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.sync.OutboxEntry;
import br.com.prontivus.sync.Values;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The end state every sync test must reach: every SQLite file and PostgreSQL hold the same rows of
 * the clinic (data fields, tombstone, row version), nothing is waiting or parked, every
 * acknowledged op was applied exactly once on the server, each conflict is recorded once, and no
 * change was lost (the value of every field is the one written by the last op on it that did not
 * lose a recorded conflict).
 */
public final class Convergence {

    private Convergence() {
    }

    /** What a test allows beyond the strict end state. */
    public record Allow(Set<UUID> parkedOps) {
        public static final Allow NOTHING = new Allow(Set.of());
    }

    public static void assertConverged(String serverUrl, UUID clinicId, List<Desktop> desktops) {
        assertConverged(serverUrl, clinicId, desktops, Allow.NOTHING);
    }

    public static void assertConverged(String serverUrl, UUID clinicId, List<Desktop> desktops, Allow allow) {
        List<String> problems = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(serverUrl)) {
            DSLContext pg = DSL.using(c, SQLDialect.POSTGRES);
            Map<SyncedTable, Map<UUID, String>> server = new LinkedHashMap<>();
            for (SyncedTable t : Schema.SYNCED_TABLES) {
                server.put(t, rows(pg, t, clinicId, problems, "server"));
            }
            for (Desktop d : desktops) {
                for (SyncedTable t : Schema.SYNCED_TABLES) {
                    Map<UUID, String> local = d.local().read(dsl -> rows(dsl, t, clinicId, problems, d.name()));
                    compare(t, server.get(t), local, d.name(), problems);
                }
                d.local().read(dsl -> {
                    dsl.select(Outbox.OP_ID, Outbox.STATUS, Outbox.LAST_ERROR).from(Outbox.TABLE)
                            .where(Outbox.STATUS.ne(OutboxCapture.ACKNOWLEDGED))
                            .forEach(r -> {
                                if (!(OutboxCapture.PARKED.equals(r.value2()) && allow.parkedOps().contains(r.value1()))) {
                                    problems.add(d.name() + ": op " + r.value1() + " is " + r.value2()
                                            + " (" + r.value3() + ")");
                                }
                            });
                    return null;
                });
            }
            exactlyOnce(pg, clinicId, desktops, problems);
            conflictsOnce(pg, clinicId, problems);
            if (problems.isEmpty()) {
                noLostChange(pg, clinicId, desktops, problems);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Not converged (" + problems.size() + " problems):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(40, problems.size()))));
        }
    }

    /** Canonical text of each row of the clinic: id, clinic, data fields, tombstone and row version. */
    static Map<UUID, String> rows(DSLContext dsl, SyncedTable t, UUID clinicId, List<String> problems, String where) {
        Map<UUID, String> out = new HashMap<>();
        for (Record r : dsl.select(t.allFields()).from(t.table()).where(t.CLINIC_ID.eq(clinicId)).fetch()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("id", CanonicalJson.canonical(r.get(t.ID)));
            m.put("clinic_id", CanonicalJson.canonical(r.get(t.CLINIC_ID)));
            for (Field<?> f : t.dataFields()) {
                m.put(f.getName(), CanonicalJson.canonical(r.get(f)));
            }
            m.put("deleted", r.get(t.DELETED));
            m.put("row_version", r.get(t.ROW_VERSION));
            if (out.put(r.get(t.ID), CanonicalJson.write(m)) != null) {
                problems.add(where + ": duplicate id " + r.get(t.ID) + " in " + t.name());
            }
        }
        return out;
    }

    public static String digest(Map<UUID, String> rows) {
        return CanonicalJson.sha256(String.join("\n", new java.util.TreeSet<>(rows.values())));
    }

    private static void compare(SyncedTable t, Map<UUID, String> server, Map<UUID, String> local, String name,
                                List<String> problems) {
        if (digest(server).equals(digest(local))) {
            return;
        }
        Set<UUID> ids = new HashSet<>(server.keySet());
        ids.addAll(local.keySet());
        int shown = 0;
        for (UUID id : ids) {
            String s = server.get(id);
            String l = local.get(id);
            if (!java.util.Objects.equals(s, l) && shown++ < 5) {
                problems.add(name + " differs from the server in " + t.name() + "/" + id + ":\n      server " + s
                        + "\n      " + name + " " + l);
            }
        }
        problems.add(name + ": " + t.name() + " digest differs (" + server.size() + " rows on the server, "
                + local.size() + " here)");
    }

    /** Every acknowledged op of every desktop is in applied_ops exactly once, and nothing else is. */
    private static void exactlyOnce(DSLContext pg, UUID clinicId, List<Desktop> desktops, List<String> problems) {
        Map<UUID, String> acked = new HashMap<>();
        for (Desktop d : desktops) {
            for (UUID op : d.local().read(dsl -> dsl.select(Outbox.OP_ID).from(Outbox.TABLE)
                    .where(Outbox.STATUS.eq(OutboxCapture.ACKNOWLEDGED)).and(Outbox.CLINIC_ID.eq(clinicId))
                    .fetch(Outbox.OP_ID))) {
                String other = acked.put(op, d.name());
                if (other != null) {
                    problems.add("op " + op + " acknowledged on both " + other + " and " + d.name());
                }
            }
        }
        List<UUID> applied = pg.select(DSL.field(DSL.name("op_id"), UUID.class)).from(DSL.table(DSL.name("applied_ops")))
                .where(DSL.field(DSL.name("clinic_id"), UUID.class).eq(clinicId)).fetch(0, UUID.class);
        if (applied.size() != acked.size()) {
            problems.add("applied_ops holds " + applied.size() + " ops, the desktops acknowledged " + acked.size());
        }
        Set<UUID> appliedSet = new HashSet<>(applied);
        acked.keySet().stream().filter(op -> !appliedSet.contains(op)).limit(5)
                .forEach(op -> problems.add("op " + op + " acknowledged on " + acked.get(op) + " but not in applied_ops"));
        appliedSet.stream().filter(op -> !acked.containsKey(op)).limit(5)
                .forEach(op -> problems.add("op " + op + " in applied_ops but acknowledged nowhere"));
    }

    private static void conflictsOnce(DSLContext pg, UUID clinicId, List<String> problems) {
        pg.resultQuery("SELECT op_id, count(*) FROM sync_conflicts WHERE clinic_id = {0} GROUP BY op_id HAVING count(*) > 1",
                DSL.val(clinicId)).forEach(r -> problems.add("conflict of op " + r.get(0) + " recorded " + r.get(1) + " times"));
    }

    /** Conflict records by op: field → winner. */
    public static Map<UUID, Map<String, String>> conflictWinners(DSLContext pg, UUID clinicId) {
        Map<UUID, Map<String, String>> out = new HashMap<>();
        var c = Schema.SYNC_CONFLICTS;
        pg.select(c.OP_ID, c.FIELDS).from(c.table()).where(c.CLINIC_ID.eq(clinicId)).forEach(r -> {
            Map<String, String> fields = out.computeIfAbsent(r.value1(), k -> new HashMap<>());
            for (JsonNode n : CanonicalJson.read(r.value2())) {
                fields.put(n.get("field").asText(), n.get("winner").asText());
            }
        });
        return out;
    }

    private record Write(UUID op, long version, long hlc, Object value) {
    }

    /**
     * For every field of every row touched by an applied op: the server holds the value of the
     * last op (in server order: row version, then HLC) that wrote it and did not lose a conflict.
     */
    private static void noLostChange(DSLContext pg, UUID clinicId, List<Desktop> desktops, List<String> problems) {
        Map<UUID, Long> versions = new HashMap<>();
        pg.resultQuery("SELECT op_id, row_version FROM applied_ops WHERE clinic_id = {0}", DSL.val(clinicId))
                .forEach(r -> versions.put(r.get(0, UUID.class), r.get(1, Long.class)));
        Map<UUID, Map<String, String>> winners = conflictWinners(pg, clinicId);
        Map<String, List<Write>> writes = new HashMap<>();
        for (Desktop d : desktops) {
            for (OutboxEntry op : d.engine().queue().list(OutboxCapture.ACKNOWLEDGED, Integer.MAX_VALUE)) {
                Long version = versions.get(op.opId());
                if (version == null) {
                    continue; // nothing written by it (e.g. it lost every field)
                }
                Map<String, String> conflict = winners.getOrDefault(op.opId(), Map.of());
                Map<String, Object> values = new HashMap<>(op.rowAfter());
                Set<String> fields = new HashSet<>(op.changedFields());
                if (op.kind() == ChangeKind.DELETE) {
                    values.put("deleted", true);
                } else if (op.kind() == ChangeKind.INSERT) {
                    values.put("deleted", false);
                    fields.add("deleted");
                } else if ("local".equals(conflict.get("deleted"))) {
                    values.put("deleted", false); // an edit that revived a deleted row
                    fields.add("deleted");
                }
                boolean lostToTombstone = op.kind() != ChangeKind.DELETE && conflict.containsKey("deleted")
                        && !"local".equals(conflict.get("deleted"));
                for (String f : fields) {
                    String w = conflict.get(f);
                    if (lostToTombstone || (w != null && !"local".equals(w))) {
                        continue; // the losing side of a recorded conflict
                    }
                    writes.computeIfAbsent(op.tableName() + "/" + op.rowId() + "/" + f, k -> new ArrayList<>())
                            .add(new Write(op.opId(), version, op.hlc(), values.get(f)));
                }
            }
        }
        Map<String, Record> rows = new HashMap<>();
        for (SyncedTable t : Schema.SYNCED_TABLES) {
            pg.select(t.allFields()).from(t.table()).where(t.CLINIC_ID.eq(clinicId))
                    .forEach(r -> rows.put(t.name() + "/" + r.get(t.ID), r));
        }
        int shown = 0;
        for (var e : writes.entrySet()) {
            String key = e.getKey();
            int slash = key.lastIndexOf('/');
            String rowKey = key.substring(0, slash);
            String field = key.substring(slash + 1);
            Write last = e.getValue().stream()
                    .max(Comparator.comparingLong(Write::version).thenComparingLong(Write::hlc)).orElseThrow();
            Record row = rows.get(rowKey);
            SyncedTable t = Schema.syncedTable(rowKey.substring(0, rowKey.indexOf('/')));
            Object actual = row == null ? "<missing row>" : "deleted".equals(field) ? row.get(t.DELETED) : row.get(t.field(field));
            if (!Values.same(actual, last.value()) && shown++ < 20) {
                problems.add("lost change: " + key + " is " + CanonicalJson.canonical(actual) + " on the server but op "
                        + last.op() + " (version " + last.version() + ") wrote " + CanonicalJson.canonical(last.value()));
            }
        }
    }
}
