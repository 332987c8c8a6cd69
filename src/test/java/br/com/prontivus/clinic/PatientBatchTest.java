package br.com.prontivus.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.store.schema.Schema.PatientSearchTerms;
import br.com.prontivus.testing.PostgresTestDatabase;
import br.com.prontivus.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PatientService#registerBatch}: one transaction, the same effects per row as register, rows refused alone. */
class PatientBatchTest {

    @TempDir
    Path dir;

    private final Actor actor = Actor.system("t");

    @Test
    void sqlite() {
        try (Database db = TestStores.migratedSqlite(dir.resolve("p.db"))) {
            exercise(db, true);
        }
    }

    @Test
    void postgres() {
        try (var pg = PostgresTestDatabase.create(); Database db = TestStores.migratedPostgres(pg)) {
            exercise(db, false);
        }
    }

    private void exercise(Database db, boolean outbox) {
        ClinicData data = TestStores.initClinic(db, Clock.systemUTC());
        PatientService patients = new PatientService(data);
        patients.register(actor, draft("Já Cadastrada", "529.982.247-25"));
        int outboxBefore = outbox ? outboxCount(db) : 0;

        List<PatientService.BatchRow> rows = patients.registerBatch(actor, List.of(
                draft("José da Conceição", "111.444.777-35"),
                draft("Inválida", "123.456.789-00"),            // bad check digits
                draft("Duplicada no Banco", "52998224725"),     // taken by the patient above
                draft("Ângela Simões", null),                    // no CPF: fine
                draft("Repetida no Lote", "111.444.777-35"),    // same CPF as row 0
                draft("", "390.533.447-05")));                  // name missing

        assertThat(rows).extracting(PatientService.BatchRow::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(rows).extracting(PatientService.BatchRow::registered)
                .containsExactly(true, false, false, true, false, false);
        assertThat(rows.get(1).error()).isInstanceOf(DomainException.InvalidInput.class);
        assertThat(rows.get(2).error()).isInstanceOf(DomainException.Conflict.class)
                .hasMessageContaining("Já Cadastrada");
        assertThat(rows.get(4).error()).isInstanceOf(DomainException.Conflict.class)
                .hasMessageContaining("José da Conceição");
        assertThat(rows.get(5).error()).isInstanceOf(DomainException.InvalidInput.class);

        Patient jose = patients.require(rows.get(0).id());
        assertThat(jose.cpf()).isEqualTo("11144477735");
        assertThat(jose.fullName()).isEqualTo("José da Conceição");
        assertThat(patients.count()).isEqualTo(3);

        // Search terms, as register() writes them.
        assertThat(patients.search("CONCEI", 10)).extracting(Patient::id).containsExactly(jose.id());
        assertThat(patients.search("angela sim", 10)).extracting(Patient::id).containsExactly(rows.get(3).id());
        assertThat(patients.search("111.444", 10)).extracting(Patient::id).containsExactly(jose.id());
        assertThat((int) db.read(dsl -> dsl.fetchCount(PatientSearchTerms.TABLE,
                PatientSearchTerms.PATIENT_ID.eq(jose.id())))).isEqualTo(3); // jose, da, conceicao

        // An audit entry per registered row, and (on SQLite) an outbox entry for each patient and each audit row.
        var log = Schema.AUDIT_LOG;
        assertThat((int) db.read(dsl -> dsl.fetchCount(log.table(), log.ACTION.eq("patient.import")
                .and(log.ENTITY_ID.in(rows.get(0).id(), rows.get(3).id()))))).isEqualTo(2);
        if (outbox) {
            assertThat(outboxCount(db) - outboxBefore).isEqualTo(4);
            assertThat((int) db.read(dsl -> dsl.fetchCount(Outbox.TABLE, Outbox.ROW_ID.eq(jose.id())
                    .and(Outbox.TABLE_NAME.eq("patients")).and(Outbox.KIND.eq("insert"))))).isEqualTo(1);
        }

        // A batch where every row is refused writes nothing and does not fail.
        assertThat(patients.registerBatch(actor, List.of(draft("De Novo", "111.444.777-35"))))
                .extracting(PatientService.BatchRow::registered).containsExactly(false);
        assertThat(patients.count()).isEqualTo(3);
    }

    private static int outboxCount(Database db) {
        return db.read(dsl -> dsl.fetchCount(Outbox.TABLE));
    }

    private static PatientDraft draft(String name, String cpf) {
        return new PatientDraft(name, null, cpf, LocalDate.of(1980, 5, 17), "female", "(11) 98765-4321", null, null,
                null);
    }
}
