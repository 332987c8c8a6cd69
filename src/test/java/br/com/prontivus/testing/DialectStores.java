package br.com.prontivus.testing;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.store.SqliteDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * Fresh, migrated databases of either dialect for one test class. SQLite: a template file migrated
 * once, copied for each test. PostgreSQL: one random database per class, emptied before each use.
 * Create in {@code @BeforeAll}, close in {@code @AfterAll}.
 */
public final class DialectStores implements AutoCloseable {

    private final Path dir;
    private final Path template;
    private PostgresTestDatabase pg;
    private PostgresDatabase pgDb;
    private final List<Database> opened = new ArrayList<>();

    public DialectStores(Path dir) {
        this.dir = dir;
        this.template = dir.resolve("template.db");
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + template, null, null)
                .locations("classpath:db/migration/sqlite")
                .placeholderReplacement(false)
                .load().migrate();
    }

    /** A migrated, empty database of the dialect (the PostgreSQL one is shared by the class and truncated). */
    public Database fresh(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> {
                Path file = dir.resolve("t-" + UUID.randomUUID() + ".db");
                try {
                    Files.copy(template, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                SqliteDatabase db = SqliteDatabase.open(file);
                opened.add(db);
                yield db;
            }
            case POSTGRES -> {
                if (pgDb == null) {
                    pg = PostgresTestDatabase.create();
                    pgDb = TestStores.migratedPostgres(pg);
                }
                pgDb.writeVoid(dsl -> {
                    List<String> tables = dsl.fetch("select tablename from pg_tables where schemaname = 'public'"
                            + " and tablename not in ('flyway_schema_history', 'sync_compat')").getValues(0, String.class);
                    if (!tables.isEmpty()) {
                        dsl.execute("truncate table " + String.join(", ", tables) + " cascade");
                    }
                });
                TestStores.forgetIdentity(pgDb);
                yield pgDb;
            }
        };
    }

    /** Closes the SQLite files opened so far (call after each test to keep file handles low). */
    public void closeSqlite() {
        opened.forEach(Database::close);
        opened.clear();
    }

    @Override
    public void close() {
        closeSqlite();
        if (pgDb != null) {
            pgDb.close();
            pg.close();
        }
    }
}
