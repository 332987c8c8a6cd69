package br.com.prontivus.clinic;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.SyncedTable;
import br.com.prontivus.sync.ChangeWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * The clinic's data as the domain services see it: reads, and writes in one transaction that also
 * captures each change for sync and appends to the audit log.
 */
public final class ClinicData {

    private final Database db;
    private final ChangeWriter writer;
    private final Clock clock;

    public ClinicData(Database db, ChangeWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    public UUID clinicId() {
        return writer.clinicId();
    }

    public UUID deviceId() {
        return writer.deviceId();
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return db;
    }

    public <T> T read(Function<DSLContext, T> work) {
        return db.read(work);
    }

    public <T> T write(Actor actor, Function<Tx, T> work) {
        return db.write(dsl -> work.apply(new Tx(dsl, actor)));
    }

    /** One write transaction: every change made through it is captured and may be audited. */
    public final class Tx {
        private final DSLContext dsl;
        private final Actor actor;

        private Tx(DSLContext dsl, Actor actor) {
            this.dsl = dsl;
            this.actor = actor;
        }

        public DSLContext dsl() {
            return dsl;
        }

        public Actor actor() {
            return actor;
        }

        public UUID clinicId() {
            return writer.clinicId();
        }

        public Instant now() {
            return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        }

        /** Inserts a new row (stamped and captured); returns its HLC, the row's {@code updated_at}. */
        public long insert(SyncedTable table, UUID id, Map<Field<?>, ?> values) {
            return writer.insert(dsl, table, id, values);
        }

        public boolean update(SyncedTable table, UUID id, Map<Field<?>, ?> changes) {
            return writer.update(dsl, table, id, changes);
        }

        public void delete(SyncedTable table, UUID id) {
            writer.delete(dsl, table, id);
        }

        /** Inserts many rows of one table as one statement batch; each is stamped and captured as by {@link #insert}. */
        public void insertAll(SyncedTable table, java.util.List<ChangeWriter.NewRow> rows) {
            writer.insertAll(dsl, table, rows);
        }

        /** Appends to the audit log, in this transaction: the record exists exactly when the change does. */
        public void audit(String action, String entity, UUID entityId, String summary) {
            writer.insert(dsl, Schema.AUDIT_LOG, br.com.prontivus.store.Ids.newId(),
                    auditValues(action, entity, entityId, summary));
        }

        /** One audit entry per {@code entityIds} element, written as one statement batch. */
        public void auditAll(String action, String entity, java.util.List<UUID> entityIds,
                             java.util.List<String> summaries) {
            java.util.List<ChangeWriter.NewRow> rows = new java.util.ArrayList<>(entityIds.size());
            for (int i = 0; i < entityIds.size(); i++) {
                rows.add(new ChangeWriter.NewRow(br.com.prontivus.store.Ids.newId(),
                        auditValues(action, entity, entityIds.get(i), summaries.get(i))));
            }
            writer.insertAll(dsl, Schema.AUDIT_LOG, rows);
        }

        private Map<Field<?>, Object> auditValues(String action, String entity, UUID entityId, String summary) {
            var log = Schema.AUDIT_LOG;
            Map<Field<?>, Object> values = new java.util.HashMap<>();
            values.put(log.OCCURRED_AT, now());
            values.put(log.USER_ID, actor.userId());
            values.put(log.DEVICE_ID, writer.deviceId());
            values.put(log.ACTION, action);
            values.put(log.ENTITY, entity);
            values.put(log.ENTITY_ID, entityId);
            values.put(log.SUMMARY, actor.name() + ": " + summary);
            return values;
        }
    }
}
