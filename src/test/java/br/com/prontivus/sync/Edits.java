package br.com.prontivus.sync;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.testing.Desktop;
import java.util.UUID;

/** Small edits of a patient as reception makes them, for sync tests. */
final class Edits {

    private Edits() {
    }

    static Patient register(Desktop d, String name) {
        return d.services().patients().register(Desktop.ACTOR,
                new PatientDraft(name, null, null, null, null, null, null, null, null));
    }

    /** Sets one field of the patient's draft (phone, email, notes, address, full_name, social_name). */
    static Patient set(Desktop d, UUID id, String field, String value) {
        PatientDraft p = d.services().patients().require(id).toDraft();
        PatientDraft n = switch (field) {
            case "phone" -> new PatientDraft(p.fullName(), p.socialName(), p.cpf(), p.birthDate(), p.sex(), value, p.email(), p.address(), p.notes());
            case "email" -> new PatientDraft(p.fullName(), p.socialName(), p.cpf(), p.birthDate(), p.sex(), p.phone(), value, p.address(), p.notes());
            case "notes" -> new PatientDraft(p.fullName(), p.socialName(), p.cpf(), p.birthDate(), p.sex(), p.phone(), p.email(), p.address(), value);
            case "address" -> new PatientDraft(p.fullName(), p.socialName(), p.cpf(), p.birthDate(), p.sex(), p.phone(), p.email(), value, p.notes());
            case "full_name" -> new PatientDraft(value, p.socialName(), p.cpf(), p.birthDate(), p.sex(), p.phone(), p.email(), p.address(), p.notes());
            case "social_name" -> new PatientDraft(p.fullName(), value, p.cpf(), p.birthDate(), p.sex(), p.phone(), p.email(), p.address(), p.notes());
            default -> throw new IllegalArgumentException(field);
        };
        return d.services().patients().update(Desktop.ACTOR, id, n);
    }

    static Patient get(Desktop d, UUID id) {
        return d.services().patients().get(id).orElse(null);
    }
}
