package br.com.prontivus.monitor;

import br.com.prontivus.store.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local SQLite file: file and WAL size from the file system, page count, free pages and page
 * size from PRAGMAs on one of the database's reader connections (untimed, so they do not count
 * as the application's statements).
 */
public final class SqliteSampler {

    private final SqliteDatabase db;

    public SqliteSampler(SqliteDatabase db) {
        this.db = db;
    }

    public MetricGroup sample() {
        MetricGroup g = new MetricGroup();
        Path file = db.file();
        g.put("path", file.toString());
        size(g, "file_size_bytes", file);
        Path wal = Path.of(file + "-wal");
        if (Files.exists(wal)) {
            size(g, "wal_size_bytes", wal);
        } else {
            g.put("wal_size_bytes", 0L);
        }
        try {
            long[] pragmas = StatementTimings.untimed(() -> db.read(dsl -> new long[] {
                    ((Number) dsl.fetchValue("PRAGMA page_count")).longValue(),
                    ((Number) dsl.fetchValue("PRAGMA freelist_count")).longValue(),
                    ((Number) dsl.fetchValue("PRAGMA page_size")).longValue()}));
            g.put("readable", true);
            g.put("page_count", pragmas[0]);
            g.put("freelist_count", pragmas[1]);
            g.put("page_size", pragmas[2]);
            g.put("free_bytes", pragmas[1] * pragmas[2]);
        } catch (RuntimeException e) {
            String reason = MetricGroup.reason(e);
            g.put("readable", false);
            g.put("error", reason);
            g.unavailable("page_count", reason).unavailable("freelist_count", reason).unavailable("page_size", reason);
        }
        return g;
    }

    private static void size(MetricGroup g, String key, Path file) {
        try {
            g.put(key, Files.size(file));
        } catch (IOException e) {
            g.unavailable(key, MetricGroup.reason(e));
        }
    }
}
