package br.com.prontivus.bench;

import br.com.prontivus.store.Database;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A {@link Database} that counts what goes through it: statements executed (a jOOQ
 * {@code ExecuteListener}, so plain-SQL and batch executions count too; a batch counts once) and
 * transactions opened. Used by the sync benchmark to see how many queries a cycle sends the server.
 */
final class CountingDatabase implements Database {

    private final Database delegate;
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final java.util.Map<String, long[]> byKind = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecuteListener listener = new ExecuteListener() {
        @Override
        public void executeStart(org.jooq.ExecuteContext ctx) {
            statements.incrementAndGet();
            ctx.data("bench.t0", System.nanoTime());
        }

        @Override
        public void executeEnd(org.jooq.ExecuteContext ctx) {
            Object t0 = ctx.data("bench.t0");
            if (t0 instanceof Long start) {
                String sql = ctx.sql() == null ? "batch" : ctx.sql();
                String kind = sql.length() > 60 ? sql.substring(0, 60) : sql;
                long[] acc = byKind.computeIfAbsent(kind, k -> new long[2]);
                synchronized (acc) {
                    acc[0]++;
                    acc[1] += System.nanoTime() - start;
                }
            }
        }
    };

    /** Statement count and total milliseconds per statement kind (first 60 characters of its SQL). */
    java.util.Map<String, String> profile() {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        byKind.forEach((k, v) -> m.put(k, v[0] + " x, " + v[1] / 1_000_000 + " ms"));
        return m;
    }

    CountingDatabase(Database delegate) {
        this.delegate = delegate;
    }

    long statements() {
        return statements.get();
    }

    long transactions() {
        return transactions.get();
    }

    private DSLContext wrap(DSLContext dsl) {
        return DSL.using(dsl.configuration().deriveAppending(listener));
    }

    @Override
    public SQLDialect dialect() {
        return delegate.dialect();
    }

    @Override
    public String label() {
        return delegate.label();
    }

    @Override
    public <T> T read(Function<DSLContext, T> work) {
        transactions.incrementAndGet();
        return delegate.read(dsl -> work.apply(wrap(dsl)));
    }

    @Override
    public <T> T write(Function<DSLContext, T> work) {
        transactions.incrementAndGet();
        return delegate.write(dsl -> work.apply(wrap(dsl)));
    }

    @Override
    public void close() {
        // the delegate belongs to its app
    }
}
