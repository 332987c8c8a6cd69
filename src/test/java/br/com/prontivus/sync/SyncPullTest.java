package br.com.prontivus.sync;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two shortcuts the sync benchmark brought: an idle cycle skips the pull when the clinic's
 * counter shows nothing new (and still pulls what arrives afterwards), and the name index is
 * rebuilt per pulled chunk (renames and deletes keep it exact).
 */
class SyncPullTest {

    @TempDir
    Path dir;

    @Test
    void idleCyclesSendOneQueryAndNeverHideALaterChange() {
        try (var pg = PostgresTestDatabase.create()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(pg.jdbcUrl());
            Migrator.forPostgres(ds, new MigrationActor("test", null)).run();
            try (Desktop a = Desktop.open(dir.resolve("a"), "a", pg.jdbcUrl(), Map.of()).initClinic("Clínica Sol");
                 Desktop b = Desktop.open(dir.resolve("b"), "b", pg.jdbcUrl(), Map.of())) {
                assertThat(a.sync().ok()).isTrue();
                b.join(a.clinicId());
                assertThat(b.sync().ok()).isTrue();
                assertThat(a.sync().ok()).isTrue();

                AtomicInteger statements = new AtomicInteger();
                var counted = new br.com.prontivus.store.Database() {
                    final br.com.prontivus.store.Database d = b.app().server().orElseThrow();

                    private org.jooq.DSLContext wrap(org.jooq.DSLContext dsl) {
                        return DSL.using(dsl.configuration().deriveAppending(
                                ExecuteListener.onExecuteStart(ctx -> statements.incrementAndGet())));
                    }

                    public org.jooq.SQLDialect dialect() {
                        return d.dialect();
                    }

                    public String label() {
                        return d.label();
                    }

                    public <T> T read(java.util.function.Function<org.jooq.DSLContext, T> work) {
                        return d.read(dsl -> work.apply(wrap(dsl)));
                    }

                    public <T> T write(java.util.function.Function<org.jooq.DSLContext, T> work) {
                        return d.write(dsl -> work.apply(wrap(dsl)));
                    }

                    public void close() {
                    }
                };
                SyncEngine engineB = b.app().newSyncEngine(counted, 500, 5_000);
                for (int i = 0; i < 3; i++) {
                    var idle = engineB.syncNow();
                    assertThat(idle.ok()).isTrue();
                    assertThat(idle.pulled()).isZero();
                }
                assertThat(statements.get()).as("one query per idle cycle").isEqualTo(3);

                Patient p = a.services().patients().register(Desktop.ACTOR, new PatientDraft("Ângela Simões", null,
                        "529.982.247-25", null, null, null, null, null, null));
                assertThat(a.sync().ok()).isTrue();
                var after = engineB.syncNow();
                assertThat(after.ok()).isTrue();
                assertThat(after.pulled()).isGreaterThan(0);
                assertThat(b.services().patients().search("angela", 10)).extracting(Patient::id).containsExactly(p.id());
            }
        }
    }

    @Test
    void pulledRenamesAndDeletesKeepTheNameIndexExact() {
        try (var pg = PostgresTestDatabase.create()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(pg.jdbcUrl());
            Migrator.forPostgres(ds, new MigrationActor("test", null)).run();
            try (Desktop a = Desktop.open(dir.resolve("a"), "a", pg.jdbcUrl(), Map.of()).initClinic("Clínica Sol");
                 Desktop b = Desktop.open(dir.resolve("b"), "b", pg.jdbcUrl(), Map.of())) {
                Patient jose = a.services().patients().register(Desktop.ACTOR, new PatientDraft("José da Silva", null,
                        "529.982.247-25", null, null, null, null, null, null));
                Patient maria = a.services().patients().register(Desktop.ACTOR, new PatientDraft("Maria Souza", null,
                        null, null, null, null, null, null, null));
                assertThat(a.sync().ok()).isTrue();
                b.join(a.clinicId());
                assertThat(b.sync().ok()).isTrue();
                assertThat(b.services().patients().search("jose", 10)).extracting(Patient::id).containsExactly(jose.id());

                PatientDraft d = jose.toDraft();
                a.services().patients().update(Desktop.ACTOR, jose.id(), new PatientDraft("Joaquim Pereira",
                        d.socialName(), d.cpf(), d.birthDate(), d.sex(), d.phone(), d.email(), d.address(), d.notes()));
                a.services().patients().delete(Desktop.ACTOR, maria.id());
                assertThat(a.sync().ok()).isTrue();
                assertThat(b.sync().ok()).isTrue();

                assertThat(b.services().patients().search("jose", 10)).isEmpty();
                assertThat(b.services().patients().search("joaquim", 10)).extracting(Patient::id)
                        .containsExactly(jose.id());
                assertThat(b.services().patients().search("maria", 10)).isEmpty();
                long mariaTerms = b.local().read(dsl -> (long) dsl.fetchCount(Schema.PatientSearchTerms.TABLE,
                        Schema.PatientSearchTerms.PATIENT_ID.eq(maria.id())));
                assertThat(mariaTerms).isZero();
            }
        }
    }
}
