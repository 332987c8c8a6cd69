package br.com.prontivus.clinic;

import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.PatientSearchTerms;
import br.com.prontivus.sync.RowApplyHook;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Maintains the word index behind name search. It is derived data: whoever writes a patient's
 * names (a service here, the sync engine when it pulls) calls {@link #reindex} in the same transaction.
 */
public final class PatientSearchIndex {

    private PatientSearchIndex() {
    }

    public static void reindex(DSLContext tx, UUID clinicId, UUID patientId, String fullName, String socialName) {
        remove(tx, patientId);
        index(tx, clinicId, patientId, fullName, socialName);
    }

    /** Indexes a patient that has no terms yet (just inserted in this transaction). */
    public static void index(DSLContext tx, UUID clinicId, UUID patientId, String fullName, String socialName) {
        var insert = tx.insertInto(PatientSearchTerms.TABLE,
                PatientSearchTerms.CLINIC_ID, PatientSearchTerms.TERM, PatientSearchTerms.PATIENT_ID);
        boolean any = false;
        for (String term : SearchText.terms(fullName, socialName)) {
            insert = insert.values(clinicId, term, patientId);
            any = true;
        }
        if (any) {
            insert.execute();
        }
    }

    /** Keeps the index in step with patients written by a pull (registered by the composition root). */
    public static final RowApplyHook PULL_HOOK = (tx, table, clinicId, rowId, row, deleted) -> {
        if (table == Schema.PATIENTS) {
            if (deleted) {
                remove(tx, rowId);
            } else {
                reindex(tx, clinicId, rowId, (String) row.get("full_name"), (String) row.get("social_name"));
            }
        }
    };

    /** A patient's names, for {@link #indexAll}. */
    public record Names(UUID patientId, String fullName, String socialName) {
    }

    /** Indexes many patients that have no terms yet, as one statement batch. */
    public static void indexAll(DSLContext tx, UUID clinicId, java.util.List<Names> patients) {
        org.jooq.BatchBindStep batch = null;
        for (Names p : patients) {
            for (String term : SearchText.terms(p.fullName(), p.socialName())) {
                if (batch == null) {
                    batch = tx.batch(tx.insertInto(PatientSearchTerms.TABLE,
                                    PatientSearchTerms.CLINIC_ID, PatientSearchTerms.TERM, PatientSearchTerms.PATIENT_ID)
                            .values(clinicId, term, p.patientId()));
                }
                batch = batch.bind(clinicId, term, p.patientId());
            }
        }
        if (batch != null) {
            batch.execute();
        }
    }

    public static void remove(DSLContext tx, UUID patientId) {
        tx.deleteFrom(PatientSearchTerms.TABLE).where(PatientSearchTerms.PATIENT_ID.eq(patientId)).execute();
    }
}
