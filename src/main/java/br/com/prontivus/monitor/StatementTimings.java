package br.com.prontivus.monitor;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Our own statement timings, per database ("sqlite", "postgresql") and {@link StatementKind}: a
 * jOOQ {@link ExecuteListener} per database records the time from the start of a statement's
 * lifecycle to its end (rendering, execution and fetching). Two views are kept: since the start
 * and since the last {@link #drainInterval()} (what the monitor samples every interval).
 * Statements the monitor runs itself are excluded with {@link #untimed(Supplier)}.
 */
public final class StatementTimings {

    public static final String SQLITE = "sqlite";
    public static final String POSTGRESQL = "postgresql";

    private static final ThreadLocal<Boolean> UNTIMED = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final String START = StatementTimings.class.getName() + ".start";

    private final Map<String, EnumMap<StatementKind, LatencyHistogram>> total = new ConcurrentHashMap<>();
    private final AtomicReference<Map<String, EnumMap<StatementKind, LatencyHistogram>>> interval =
            new AtomicReference<>(new ConcurrentHashMap<>());

    /** The listener to register on one database's jOOQ configuration. */
    public ExecuteListener listener(String database) {
        return new Listener(database);
    }

    public void record(String database, StatementKind kind, long nanos) {
        histogram(total, database, kind).recordNanos(nanos);
        histogram(interval.get(), database, kind).recordNanos(nanos);
    }

    private static LatencyHistogram histogram(Map<String, EnumMap<StatementKind, LatencyHistogram>> map,
                                              String database, StatementKind kind) {
        EnumMap<StatementKind, LatencyHistogram> byKind = map.computeIfAbsent(database, d -> {
            EnumMap<StatementKind, LatencyHistogram> m = new EnumMap<>(StatementKind.class);
            for (StatementKind k : StatementKind.values()) {
                m.put(k, new LatencyHistogram());
            }
            return m;
        });
        return byKind.get(kind);
    }

    /** Runs work whose statements are not timed (the monitor's own reads and writes). */
    public static <T> T untimed(Supplier<T> work) {
        boolean before = UNTIMED.get();
        UNTIMED.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            UNTIMED.set(before);
        }
    }

    /** Since the start of this process. */
    public Snapshot sinceStart() {
        return snapshot(total);
    }

    /**
     * Since the previous call, and starts a new interval. A statement finishing exactly while the
     * interval is swapped may count in the old one and be lost to both views: a sample, not a ledger.
     */
    public Snapshot drainInterval() {
        return snapshot(interval.getAndSet(new ConcurrentHashMap<>()));
    }

    private static Snapshot snapshot(Map<String, EnumMap<StatementKind, LatencyHistogram>> map) {
        Map<String, Map<StatementKind, LatencyHistogram.Snapshot>> out = new TreeMap<>();
        map.forEach((db, byKind) -> {
            Map<StatementKind, LatencyHistogram.Snapshot> kinds = new EnumMap<>(StatementKind.class);
            byKind.forEach((kind, h) -> {
                LatencyHistogram.Snapshot s = h.snapshot();
                if (s.count() > 0) {
                    kinds.put(kind, s);
                }
            });
            if (!kinds.isEmpty()) {
                out.put(db, kinds);
            }
        });
        return new Snapshot(out);
    }

    /** Percentiles per database and kind; kinds without statements are left out. */
    public record Snapshot(Map<String, Map<StatementKind, LatencyHistogram.Snapshot>> byDatabase) {

        public long count() {
            return byDatabase.values().stream().flatMap(m -> m.values().stream())
                    .mapToLong(LatencyHistogram.Snapshot::count).sum();
        }

        /** The worst p95 over all databases and kinds, with where it was seen; empty when nothing ran. */
        public java.util.Optional<Worst> worstP95() {
            Worst worst = null;
            for (var db : byDatabase.entrySet()) {
                for (var kind : db.getValue().entrySet()) {
                    double p95 = kind.getValue().percentileMs(95);
                    if (worst == null || p95 > worst.p95Ms()) {
                        worst = new Worst(db.getKey(), kind.getKey(), p95, kind.getValue().count());
                    }
                }
            }
            return java.util.Optional.ofNullable(worst);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            byDatabase.forEach((db, kinds) -> {
                Map<String, Object> perKind = new LinkedHashMap<>();
                kinds.forEach((kind, s) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("count", s.count());
                    m.put("p50_ms", round(s.percentileMs(50)));
                    m.put("p95_ms", round(s.percentileMs(95)));
                    m.put("p99_ms", round(s.percentileMs(99)));
                    m.put("max_ms", round(s.maxMs()));
                    perKind.put(kind.name().toLowerCase(java.util.Locale.ROOT), m);
                });
                out.put(db, perKind);
            });
            return out;
        }

        private static double round(double ms) {
            return Math.round(ms * 1000) / 1000.0;
        }
    }

    public record Worst(String database, StatementKind kind, double p95Ms, long count) {
    }

    private final class Listener implements ExecuteListener {
        private final String database;

        Listener(String database) {
            this.database = database;
        }

        @Override
        public void start(ExecuteContext ctx) {
            if (!UNTIMED.get()) {
                ctx.data(START, System.nanoTime());
            }
        }

        @Override
        public void end(ExecuteContext ctx) {
            Object start = ctx.data(START);
            if (start instanceof Long nanos) {
                record(database, StatementKind.of(ctx.query(), ctx.sql()), System.nanoTime() - nanos);
            }
        }
    }
}
