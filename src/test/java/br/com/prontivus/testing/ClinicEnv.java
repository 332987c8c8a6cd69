package br.com.prontivus.testing;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.ClinicData;
import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema.Outbox;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** One initialised clinic on a fresh database of one dialect, with a clock the test controls. */
public record ClinicEnv(Dialect dialect, Database db, MutableClock clock, ClinicData data) {

    public static final Instant START = Instant.parse("2026-06-15T12:00:00Z");
    public static final Actor ACTOR = Actor.system("tester");
    public static final List<org.jooq.Field<?>> OUTBOX_FIELDS = Outbox.FIELDS;

    public static ClinicEnv create(DialectStores stores, Dialect dialect) {
        Database db = stores.fresh(dialect);
        MutableClock clock = new MutableClock(START);
        return new ClinicEnv(dialect, db, clock, TestStores.initClinic(db, clock));
    }

    public boolean hasOutbox() {
        return dialect == Dialect.SQLITE;
    }

    public int count(String table) {
        return db.read(dsl -> dsl.fetchCount(DSL.table(DSL.name(table))));
    }

    /** Row counts of the tables a write may touch (the outbox only where it exists). */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : List.of("patients", "patient_search_terms", "practitioners", "appointments", "audit_log",
                "staff_users", "clinics", "devices")) {
            counts.put(t, count(t));
        }
        if (hasOutbox()) {
            counts.put("outbox", count("outbox"));
            counts.put("local_identity", count("local_identity"));
        }
        return counts;
    }

    /** Outbox entries in capture order. */
    public List<Record> outbox() {
        return db.read(dsl -> dsl.select(OUTBOX_FIELDS).from(Outbox.TABLE).orderBy(Outbox.SEQ).fetch());
    }

    public List<Record> outboxFor(String table) {
        return db.read(dsl -> dsl.select(OUTBOX_FIELDS).from(Outbox.TABLE)
                .where(Outbox.TABLE_NAME.eq(table)).orderBy(Outbox.SEQ).fetch());
    }
}
