package br.com.prontivus.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.testing.PostgresTestDatabase;
import br.com.prontivus.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PatientService.registerBatch: per-draft refusals, one transaction, outbox and audit per patient. */
class PatientBatchTest {

    @TempDir
    Path dir;

    @Test
    void sqlite() {
        try (Database db = TestStores.migratedSqlite(dir.resolve("p.db"))) {
            List<Integer> outbox = exercise(db);
            assertThat(outbox).containsExactly(0, 2); // patients' inserts queued for sync
        }
    }

    @Test
    void postgres() {
        try (var pg = PostgresTestDatabase.create(); Database db = TestStores.migratedPostgres(pg)) {
            exercise(db);
        }
    }

    private List<Integer> exercise(Database db) {
        ClinicData data = TestStores.initClinic(db, Clock.systemUTC());
        Actor actor = Actor.system("t");
        PatientService patients = new PatientService(data);
        patients.register(actor, draft("Já Cadastrada", "529.982.247-25", null));
        int before = outboxInserts(db);

        PatientService.BatchResult result = patients.registerBatch(actor, List.of(
                draft("Maria", "123.456.789-09", null),         // 0 ok
                draft("Bad", "123.456.789-00", null),           // 1 check digits
                draft("Twice", "12345678909", null),            // 2 repeated in the batch
                draft("Taken", "52998224725", null),            // 3 already registered
                draft(" ", null, null),                         // 4 no name
                draft("Sem CPF", null, LocalDate.of(2000, 1, 1)) // 5 ok
        ));

        assertThat(result.registered()).hasSize(2);
        assertThat(result.rejected()).extracting(PatientService.Rejection::index).containsExactly(1, 2, 3, 4);
        assertThat(result.rejected()).extracting(r -> r.reason().key()).containsExactly("error.cpf.invalid",
                "error.cpf.duplicate_in_batch", "error.cpf.duplicate", "error.required");
        assertThat(patients.count()).isEqualTo(3);
        assertThat(patients.search("sem", 10)).extracting(Patient::id).containsExactly(result.registered().get(1));
        int audited = db.read(dsl -> dsl.fetchCount(Schema.AUDIT_LOG.table(),
                DSL.field(DSL.name("action")).eq("patient.import")));
        assertThat(audited).isEqualTo(2);
        assertThat(patients.registerBatch(actor, List.of()).registered()).isEmpty();
        return List.of(before - before, outboxInserts(db) - before);
    }

    private static int outboxInserts(Database db) {
        if (!(db instanceof br.com.prontivus.store.SqliteDatabase)) {
            return 0;
        }
        return db.read(dsl -> dsl.fetchCount(Schema.Outbox.TABLE, Schema.Outbox.TABLE_NAME.eq("patients")
                .and(Schema.Outbox.KIND.eq("insert"))));
    }

    private static PatientDraft draft(String name, String cpf, LocalDate birth) {
        return new PatientDraft(name, null, cpf, birth, null, null, null, null, null);
    }
}
