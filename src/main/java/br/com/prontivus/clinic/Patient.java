package br.com.prontivus.clinic;

import java.time.LocalDate;
import java.util.UUID;

/** A patient as stored (CPF and phone as digits). */
public record Patient(UUID id, UUID clinicId, String fullName, String socialName, String cpf, LocalDate birthDate,
                      String sex, String phone, String email, String address, String notes,
                      Long rowVersion, long updatedAt, boolean deleted) {

    /** The name to call the patient by: the social name when there is one. */
    public String displayName() {
        return socialName != null && !socialName.isBlank() ? socialName : fullName;
    }

    public PatientDraft toDraft() {
        return new PatientDraft(fullName, socialName, cpf, birthDate, sex, phone, email, address, notes);
    }
}
