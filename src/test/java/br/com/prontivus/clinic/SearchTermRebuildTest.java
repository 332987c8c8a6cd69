package br.com.prontivus.clinic;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.bench.PatientGenerator;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * {@link PatientSearchIndex#rebuildClinic} (the bulk bootstrap's term rebuild: terms computed and
 * sorted in Java, multi-row inserts in key order) leaves exactly the rows the per-patient path
 * leaves, whatever the number of rows modulo the statement size, with names whose folded words
 * sort differently in UTF-16 and in UTF-8 (SQLite's order), and it touches only its own clinic.
 */
class SearchTermRebuildTest extends br.com.prontivus.testing.DialectTestBase {

    @Test
    void theRebuildLeavesExactlyThePerPatientTerms() {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        PatientService patients = new PatientService(env.data());
        PatientGenerator generator = new PatientGenerator(7);
        List<PatientDraft> drafts = generator.drafts(0, 337); // ~1,300 terms: many full statements and a remainder
        // U+FF21 (fullwidth A, kept by the fold as a letter) sorts after U+1D400 (mathematical bold A)
        // in UTF-8 but before it in UTF-16: the rebuild must insert in SQLite's order, and both rows land.
        drafts.add(new PatientDraft("\uff21lfa \ud835\udc00lfa Souza", "Maria  José", null, null, null, null, null,
                null, null));
        drafts.add(new PatientDraft("Ana Ana Ana", "ana", null, null, null, null, null, null, null));
        drafts.add(new PatientDraft("!!!", null, null, null, null, null, null, null, null)); // no terms at all
        List<UUID> ids = patients.registerBatch(ACTOR, drafts).stream().map(PatientService.BatchRow::id).toList();
        for (int i = 0; i < 300; i += 9) {
            patients.delete(ACTOR, ids.get(i));
        }
        UUID clinic = env.data().clinicId();
        // Another clinic's terms must survive the rebuild of this one.
        UUID otherClinic = UUID.randomUUID();
        env.db().writeVoid(dsl -> dsl.execute("INSERT INTO patient_search_terms (clinic_id, term, patient_id,"
                + " search_name) VALUES (?, 'outra', ?, 'outra')", otherClinic.toString(), ids.get(1).toString()));

        List<List<String>> perPatient = terms(env);
        assertThat(perPatient.size()).isGreaterThan(1_000);
        assertThat(perPatient.size() % PatientSearchIndex.ROWS_PER_INSERT).isNotZero();
        assertThat(perPatient).anyMatch(t -> t.get(1).equals("\ud835\udc00lfa"))
                .anyMatch(t -> t.get(1).equals("\uff41lfa")); // the fold lower-cases the fullwidth A

        env.db().writeVoid(dsl -> {
            dsl.execute("DELETE FROM patient_search_terms WHERE clinic_id = ?", clinic.toString());
            PatientSearchIndex.rebuildClinic(dsl, clinic);
        });
        assertThat(terms(env)).isEqualTo(perPatient);
        // Rebuilding over existing terms replaces them (no duplicate key, same rows).
        env.db().writeVoid(dsl -> PatientSearchIndex.rebuildClinic(dsl, clinic));
        assertThat(terms(env)).isEqualTo(perPatient);
        assertThat(patients.search("ana", 10)).isNotEmpty();
    }

    @Test
    void codePointOrderIsSqliteBinaryOrder() {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        List<String> words = List.of("a", "ab", "b", "\uff21", "\ud835\udc00", "\u00e9", "z", "", "\uffff",
                "\ud800\udc00x", "\ud7ff", "\ue000", "\ud800\udc01", "\udbff\udfff", "\ud83d\ude00",
                "\ud83d\ude00a", "\ud83d\ude01", "\ue000\ud800\udc00", "\ue000\uffff");
        List<String> sqliteOrder = env.db().read(dsl -> sqliteSorted(dsl, words));
        List<String> javaOrder = new ArrayList<>(words);
        javaOrder.sort(PatientSearchIndex::compareCodePoints);
        assertThat(javaOrder).isEqualTo(sqliteOrder);
        List<String> utf16Order = new ArrayList<>(words);
        utf16Order.sort(String::compareTo);
        assertThat(utf16Order).as("the case that needs the code point order").isNotEqualTo(sqliteOrder);
    }

    private static List<String> sqliteSorted(DSLContext dsl, List<String> words) {
        StringBuilder sql = new StringBuilder("SELECT w FROM (");
        for (int i = 0; i < words.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ? AS w");
        }
        sql.append(") ORDER BY w");
        return dsl.resultQuery(sql.toString(), words.toArray()).fetch(0, String.class);
    }

    /** Every term row (all clinics), in key order, as stored. */
    private static List<List<String>> terms(ClinicEnv env) {
        return env.db().read(dsl -> dsl.resultQuery("SELECT clinic_id, term, patient_id, search_name"
                + " FROM patient_search_terms ORDER BY clinic_id, term, patient_id").fetch()
                .map(r -> List.of(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                        r.get(3, String.class))));
    }
}
