package br.com.prontivus.sync;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.SyncedTable;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Settles a conflict on this desktop, field by field. Taking the server's side changes nothing in
 * the row (it already holds the server's value); taking this desktop's side writes that value as an
 * ordinary synced change. Marking the conflict resolved is a synced change too, so every desktop
 * and the server learn the outcome with the next sync.
 */
public final class ConflictResolver {

    public enum Side { SERVER, LOCAL;

        public static Side parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "server", "postgresql" -> SERVER;
                case "local", "desktop", "sqlite" -> LOCAL;
                default -> throw new IllegalArgumentException("A side is server or local, not " + text);
            };
        }
    }

    /** A conflict as the panels and commands show it. */
    public record Conflict(UUID id, String table, UUID rowId, UUID opId, UUID deviceId, List<ConflictField> fields,
                           String strategy, String outcome, String status, Instant detectedAt, Instant resolvedAt,
                           String resolvedBy, String resolution) {
        public boolean open() {
            return "open".equals(status);
        }
    }

    private static final Schema.SyncConflicts C = Schema.SYNC_CONFLICTS;

    private final Database local;
    private final ChangeWriter writer;

    public ConflictResolver(Database local, ChangeWriter writer) {
        this.local = local;
        this.writer = writer;
    }

    public List<Conflict> list(String status, String table, int limit) {
        return local.read(dsl -> dsl.select(C.allFields()).from(C.table())
                .where(C.DELETED.isFalse())
                .and(status == null ? org.jooq.impl.DSL.trueCondition() : C.STATUS.eq(status))
                .and(table == null ? org.jooq.impl.DSL.trueCondition() : C.TABLE_NAME.eq(table))
                .orderBy(C.DETECTED_AT.desc())
                .limit(limit)
                .fetch(ConflictResolver::map));
    }

    public Optional<Conflict> get(UUID id) {
        return local.read(dsl -> dsl.select(C.allFields()).from(C.table()).where(C.ID.eq(id)).fetchOptional(ConflictResolver::map));
    }

    /**
     * Resolves an open conflict: {@code choices} names a side per field; fields not named take
     * {@code defaultSide}. {@code who} is recorded as the resolver.
     */
    public Conflict resolve(UUID id, Side defaultSide, Map<String, Side> choices, String who) {
        return local.write(dsl -> {
            Conflict conflict = dsl.select(C.allFields()).from(C.table()).where(C.ID.eq(id)).and(C.DELETED.isFalse())
                    .fetchOptional(ConflictResolver::map)
                    .orElseThrow(() -> new IllegalArgumentException("No conflict " + id));
            if (!conflict.open()) {
                throw new IllegalStateException("Conflict " + id + " is already resolved (" + conflict.resolution() + ")");
            }
            for (String field : choices.keySet()) {
                if (conflict.fields().stream().noneMatch(f -> f.field().equals(field))) {
                    throw new IllegalArgumentException("Conflict " + id + " has no field " + field);
                }
            }
            SyncedTable table = Schema.syncedTable(conflict.table());
            Map<Field<?>, Object> takeLocal = new LinkedHashMap<>();
            Map<String, String> decided = new LinkedHashMap<>();
            Boolean deletedWanted = null;
            for (ConflictField f : conflict.fields()) {
                Side side = choices.getOrDefault(f.field(), defaultSide);
                decided.put(f.field(), side.name().toLowerCase(Locale.ROOT));
                if (side == Side.LOCAL) {
                    if ("deleted".equals(f.field())) {
                        deletedWanted = (Boolean) f.local();
                    } else {
                        Field<?> column = table.field(f.field());
                        takeLocal.put(column, Values.fromJson(column, CanonicalJson.MAPPER.valueToTree(f.local())));
                    }
                }
            }
            Record row = dsl.select(table.DELETED).from(table.table()).where(table.ID.eq(conflict.rowId())).fetchOne();
            if (row == null) {
                throw new IllegalStateException("The row " + conflict.table() + "/" + conflict.rowId()
                        + " is not on this desktop yet: sync first");
            }
            boolean deletedNow = row.get(table.DELETED);
            if (Boolean.FALSE.equals(deletedWanted) && deletedNow) {
                writer.restore(dsl, table, conflict.rowId());
                deletedNow = false;
            }
            if (!takeLocal.isEmpty() && !deletedNow) {
                writer.update(dsl, table, conflict.rowId(), takeLocal);
            }
            if (Boolean.TRUE.equals(deletedWanted) && !deletedNow) {
                writer.delete(dsl, table, conflict.rowId());
            }
            Map<Field<?>, Object> resolved = new LinkedHashMap<>();
            resolved.put(C.STATUS, "resolved");
            resolved.put(C.RESOLVED_AT, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            resolved.put(C.RESOLVED_BY, who);
            resolved.put(C.RESOLUTION, CanonicalJson.write(decided));
            writer.update(dsl, C, id, resolved);
            return dsl.select(C.allFields()).from(C.table()).where(C.ID.eq(id)).fetchOne(ConflictResolver::map);
        });
    }

    static Conflict map(Record r) {
        List<ConflictField> fields = new ArrayList<>();
        for (JsonNode n : CanonicalJson.read(r.get(C.FIELDS))) {
            fields.add(new ConflictField(n.get("field").asText(), plain(n.get("base")), plain(n.get("local")),
                    plain(n.get("server")), ConflictField.Winner.valueOf(n.get("winner").asText().toUpperCase(Locale.ROOT))));
        }
        return new Conflict(r.get(C.ID), r.get(C.TABLE_NAME), r.get(C.ROW_ID), r.get(C.OP_ID), r.get(C.DEVICE_ID),
                fields, r.get(C.STRATEGY), r.get(C.OUTCOME), r.get(C.STATUS), r.get(C.DETECTED_AT),
                r.get(C.RESOLVED_AT), r.get(C.RESOLVED_BY), r.get(C.RESOLUTION));
    }

    private static Object plain(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        return n.asText();
    }
}
