package br.com.prontivus.monitor;

import br.com.prontivus.store.Database;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The monitor's tables (migration 2026.11.25.1310, same shape on both dialects): thresholds an
 * administrator changed, samples kept for trends, the last state of each check and the alert
 * history. Times are epoch milliseconds. The monitor's own statements are not timed.
 */
public final class MonitorStore {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static final Table<Record> THRESHOLDS = DSL.table(DSL.name("monitor_thresholds"));
    static final Field<String> T_METRIC = DSL.field(DSL.name("metric"), SQLDataType.CLOB);
    static final Field<Double> T_WARN = DSL.field(DSL.name("warn_value"), SQLDataType.DOUBLE);
    static final Field<Double> T_CRITICAL = DSL.field(DSL.name("critical_value"), SQLDataType.DOUBLE);
    static final Field<Long> T_UPDATED_AT = DSL.field(DSL.name("updated_at"), SQLDataType.BIGINT);
    static final Field<String> T_UPDATED_BY = DSL.field(DSL.name("updated_by"), SQLDataType.CLOB);

    static final Table<Record> SAMPLES = DSL.table(DSL.name("monitor_samples"));
    static final Field<Long> S_ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    static final Field<String> S_SOURCE = DSL.field(DSL.name("source"), SQLDataType.CLOB);
    static final Field<Long> S_TAKEN_AT = DSL.field(DSL.name("taken_at"), SQLDataType.BIGINT);
    static final Field<String> S_OVERALL = DSL.field(DSL.name("overall"), SQLDataType.CLOB);
    static final Field<Boolean> S_PG_REACHABLE = DSL.field(DSL.name("pg_reachable"), SQLDataType.BOOLEAN);
    static final Field<Double> S_PG_LATENCY = DSL.field(DSL.name("pg_latency_ms"), SQLDataType.DOUBLE);
    static final Field<Long> S_PG_CONNECTIONS = DSL.field(DSL.name("pg_connections"), SQLDataType.BIGINT);
    static final Field<Double> S_CACHE_HIT = DSL.field(DSL.name("cache_hit_ratio"), SQLDataType.DOUBLE);
    static final Field<Double> S_QUERY_P95 = DSL.field(DSL.name("query_p95_ms"), SQLDataType.DOUBLE);
    static final Field<Double> S_CPU_LOAD = DSL.field(DSL.name("cpu_load"), SQLDataType.DOUBLE);
    static final Field<Double> S_MEMORY = DSL.field(DSL.name("memory_used_percent"), SQLDataType.DOUBLE);
    static final Field<Double> S_DISK = DSL.field(DSL.name("disk_free_percent"), SQLDataType.DOUBLE);
    static final Field<Double> S_SAMPLE_CPU = DSL.field(DSL.name("sample_cpu_ms"), SQLDataType.DOUBLE);
    static final Field<String> S_DETAILS = DSL.field(DSL.name("details"), SQLDataType.CLOB);

    static final Table<Record> STATES = DSL.table(DSL.name("monitor_check_state"));
    static final Field<String> C_SOURCE = DSL.field(DSL.name("source"), SQLDataType.CLOB);
    static final Field<String> C_CHECK = DSL.field(DSL.name("check_name"), SQLDataType.CLOB);
    static final Field<String> C_STATUS = DSL.field(DSL.name("status"), SQLDataType.CLOB);
    static final Field<Long> C_SINCE = DSL.field(DSL.name("since"), SQLDataType.BIGINT);

    static final Table<Record> ALERTS = DSL.table(DSL.name("monitor_alerts"));
    static final Field<Long> A_ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    static final Field<String> A_SOURCE = DSL.field(DSL.name("source"), SQLDataType.CLOB);
    static final Field<Long> A_RAISED_AT = DSL.field(DSL.name("raised_at"), SQLDataType.BIGINT);
    static final Field<String> A_CHECK = DSL.field(DSL.name("check_name"), SQLDataType.CLOB);
    static final Field<String> A_FROM = DSL.field(DSL.name("from_status"), SQLDataType.CLOB);
    static final Field<String> A_TO = DSL.field(DSL.name("to_status"), SQLDataType.CLOB);
    static final Field<Double> A_VALUE = DSL.field(DSL.name("value"), SQLDataType.DOUBLE);
    static final Field<String> A_MESSAGE = DSL.field(DSL.name("message"), SQLDataType.CLOB);

    private final Database db;

    public MonitorStore(Database db) {
        this.db = db;
    }

    /** The defaults, overlaid with what an administrator stored. */
    public Map<Threshold.Metric, Threshold> thresholds() {
        Map<Threshold.Metric, Threshold> out = new EnumMap<>(Threshold.Metric.class);
        for (Threshold.Metric m : Threshold.Metric.values()) {
            out.put(m, m.defaults());
        }
        var rows = read(dsl -> dsl.select(T_METRIC, T_WARN, T_CRITICAL).from(THRESHOLDS).fetch());
        for (var r : rows) {
            Threshold.Metric.byKey(r.value1()).ifPresent(m -> {
                try {
                    out.put(m, new Threshold(m, r.value2(), r.value3()));
                } catch (IllegalArgumentException ignored) {
                    // a row edited by hand into nonsense: the default stands
                }
            });
        }
        return out;
    }

    public void saveThreshold(Threshold t, String who, Instant now) {
        write(dsl -> dsl.insertInto(THRESHOLDS, T_METRIC, T_WARN, T_CRITICAL, T_UPDATED_AT, T_UPDATED_BY)
                .values(t.metric().key(), t.warn(), t.critical(), now.toEpochMilli(), who)
                .onConflict(T_METRIC).doUpdate()
                .set(T_WARN, t.warn()).set(T_CRITICAL, t.critical())
                .set(T_UPDATED_AT, now.toEpochMilli()).set(T_UPDATED_BY, who)
                .execute());
    }

    /** Back to the built-in default. */
    public void resetThreshold(Threshold.Metric metric) {
        write(dsl -> dsl.deleteFrom(THRESHOLDS).where(T_METRIC.eq(metric.key())).execute());
    }

    public void saveSample(Sample s) {
        String details = json(s.toMap());
        var pg = s.postgres();
        write(dsl -> dsl.insertInto(SAMPLES)
                .set(S_SOURCE, s.source())
                .set(S_TAKEN_AT, s.takenAt().toEpochMilli())
                .set(S_OVERALL, s.overall().name())
                .set(S_PG_REACHABLE, pg == null ? null : (Boolean) pg.values().get("reachable"))
                .set(S_PG_LATENCY, pg == null ? null : pg.number("latency_ms").orElse(null))
                .set(S_PG_CONNECTIONS, pg == null ? null : pg.number("connections").map(Double::longValue).orElse(null))
                .set(S_CACHE_HIT, pg == null ? null : pg.number("cache_hit_ratio").orElse(null))
                .set(S_QUERY_P95, s.queryP95Ms().orElse(null))
                .set(S_CPU_LOAD, s.system().number("cpu_load").orElse(null))
                .set(S_MEMORY, s.system().number("memory_used_percent").orElse(null))
                .set(S_DISK, s.system().number("disk_free_percent").orElse(null))
                .set(S_SAMPLE_CPU, s.cpuMs())
                .set(S_DETAILS, details)
                .execute());
    }

    /** Deletes samples taken before {@code before}; returns how many. */
    public int pruneSamples(Instant before) {
        return write(dsl -> dsl.deleteFrom(SAMPLES).where(S_TAKEN_AT.lt(before.toEpochMilli())).execute());
    }

    /** Samples taken at or after {@code since}, oldest first; of one source, or all when null. */
    public List<HistoryPoint> history(Instant since, String source, boolean withDetails) {
        Condition where = S_TAKEN_AT.ge(since.toEpochMilli());
        if (source != null) {
            where = where.and(S_SOURCE.eq(source));
        }
        Condition w = where;
        return read(dsl -> dsl.select(historyFields(withDetails)).from(SAMPLES).where(w)
                .orderBy(S_TAKEN_AT, S_ID).fetch(r -> point(r, withDetails)));
    }

    public Optional<HistoryPoint> latest(String source) {
        Condition where = source == null ? DSL.trueCondition() : S_SOURCE.eq(source);
        return read(dsl -> dsl.select(historyFields(true)).from(SAMPLES).where(where)
                .orderBy(S_TAKEN_AT.desc(), S_ID.desc()).limit(1).fetchOptional(r -> point(r, true)));
    }

    private static List<Field<?>> historyFields(boolean withDetails) {
        var fields = new java.util.ArrayList<Field<?>>(List.of(S_TAKEN_AT, S_SOURCE, S_OVERALL, S_PG_REACHABLE,
                S_PG_LATENCY, S_PG_CONNECTIONS, S_CACHE_HIT, S_QUERY_P95, S_CPU_LOAD, S_MEMORY, S_DISK, S_SAMPLE_CPU));
        if (withDetails) {
            fields.add(S_DETAILS);
        }
        return fields;
    }

    private static HistoryPoint point(Record r, boolean withDetails) {
        return new HistoryPoint(Instant.ofEpochMilli(r.get(S_TAKEN_AT)), r.get(S_SOURCE),
                HealthStatus.valueOf(r.get(S_OVERALL)), r.get(S_PG_REACHABLE), r.get(S_PG_LATENCY),
                r.get(S_PG_CONNECTIONS), r.get(S_CACHE_HIT), r.get(S_QUERY_P95), r.get(S_CPU_LOAD), r.get(S_MEMORY),
                r.get(S_DISK), r.get(S_SAMPLE_CPU), withDetails ? r.get(S_DETAILS) : null);
    }

    /** The last recorded state of each check of a source (checks never recorded are OK). */
    public Map<String, HealthStatus> states(String source) {
        return read(dsl -> dsl.select(C_CHECK, C_STATUS).from(STATES).where(C_SOURCE.eq(source))
                .fetchMap(r -> r.value1(), r -> HealthStatus.valueOf(r.value2())));
    }

    /**
     * Records a check's state; when it differs from the recorded one (OK when none), records the
     * alert in the same transaction and returns it. The write lock of the database makes this a
     * compare-and-set: two monitors judging the same transition raise one alert.
     */
    public Optional<Alert> transition(String source, CheckResult result, Instant now) {
        return write(dsl -> {
            HealthStatus previous = dsl.select(C_STATUS).from(STATES)
                    .where(C_SOURCE.eq(source)).and(C_CHECK.eq(result.check()))
                    .fetchOptional(0, String.class).map(HealthStatus::valueOf).orElse(HealthStatus.OK);
            if (previous == result.status()) {
                return Optional.<Alert>empty();
            }
            dsl.insertInto(STATES, C_SOURCE, C_CHECK, C_STATUS, C_SINCE)
                    .values(source, result.check(), result.status().name(), now.toEpochMilli())
                    .onConflict(C_SOURCE, C_CHECK).doUpdate()
                    .set(C_STATUS, result.status().name()).set(C_SINCE, now.toEpochMilli())
                    .execute();
            Long id = dsl.insertInto(ALERTS, A_SOURCE, A_RAISED_AT, A_CHECK, A_FROM, A_TO, A_VALUE, A_MESSAGE)
                    .values(source, now.toEpochMilli(), result.check(), previous.name(), result.status().name(),
                            result.value(), result.message())
                    .returningResult(A_ID).fetchOne(0, Long.class);
            return Optional.of(new Alert(id == null ? 0 : id, now, source, result.check(), previous, result.status(),
                    result.value(), result.message()));
        });
    }

    /** Alerts raised at or after {@code since}, oldest first. */
    public List<Alert> alerts(Instant since, String source) {
        Condition where = A_RAISED_AT.ge(since.toEpochMilli());
        if (source != null) {
            where = where.and(A_SOURCE.eq(source));
        }
        Condition w = where;
        return read(dsl -> dsl.select(A_ID, A_RAISED_AT, A_SOURCE, A_CHECK, A_FROM, A_TO, A_VALUE, A_MESSAGE)
                .from(ALERTS).where(w).orderBy(A_RAISED_AT, A_ID)
                .fetch(r -> new Alert(r.value1(), Instant.ofEpochMilli(r.value2()), r.value3(), r.value4(),
                        HealthStatus.valueOf(r.value5()), HealthStatus.valueOf(r.value6()), r.value7(), r.value8())));
    }

    private <T> T read(java.util.function.Function<DSLContext, T> work) {
        return StatementTimings.untimed(() -> db.read(work));
    }

    private <T> T write(java.util.function.Function<DSLContext, T> work) {
        return StatementTimings.untimed(() -> db.write(work));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a sample as JSON", e);
        }
    }
}
