package br.com.prontivus.store;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * One database the clinic's data lives in: the local SQLite file or the central PostgreSQL.
 * Repositories are written once against {@link DSLContext}; dialect differences stay in this package.
 */
public interface Database extends AutoCloseable {

    SQLDialect dialect();

    /** A label for messages: the file path or the masked server URL. */
    String label();

    /** Runs read-only work; it may run concurrently with other reads and with the writer. */
    <T> T read(Function<DSLContext, T> work);

    /** Runs work in one transaction: all of it commits, or none of it does. */
    <T> T write(Function<DSLContext, T> work);

    default void writeVoid(java.util.function.Consumer<DSLContext> work) {
        write(dsl -> {
            work.accept(dsl);
            return null;
        });
    }

    @Override
    void close();
}
