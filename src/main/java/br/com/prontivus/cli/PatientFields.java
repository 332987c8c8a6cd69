package br.com.prontivus.cli;

import br.com.prontivus.clinic.PatientDraft;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The patient's fields as options, named after the columns. Unset options leave a field as it is. */
final class PatientFields {

    @Option(names = "--name", paramLabel = "TEXT", description = "Full name.")
    String name;

    @Option(names = "--social-name", paramLabel = "TEXT", description = "Social name (nome social).")
    String socialName;

    @Option(names = "--cpf", paramLabel = "CPF", description = "CPF, with or without punctuation.")
    String cpf;

    @Option(names = "--birth-date", paramLabel = "YYYY-MM-DD", description = "Birth date (ISO-8601).")
    LocalDate birthDate;

    @Option(names = "--sex", paramLabel = "SEX", description = "female, male, intersex or unknown.")
    String sex;

    @Option(names = "--phone", paramLabel = "PHONE", description = "Phone with area code.")
    String phone;

    @Option(names = "--email", paramLabel = "EMAIL", description = "E-mail address.")
    String email;

    @Option(names = "--address", paramLabel = "TEXT", description = "Address.")
    String address;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Notes.")
    String notes;

    PatientDraft draft() {
        return new PatientDraft(name, socialName, cpf, birthDate, sex, phone, email, address, notes);
    }

    /** The existing patient with the given options laid over it; an empty string clears a field. */
    PatientDraft over(PatientDraft base) {
        return new PatientDraft(pick(name, base.fullName()), pick(socialName, base.socialName()),
                pick(cpf, base.cpf()), birthDate != null ? birthDate : base.birthDate(), pick(sex, base.sex()),
                pick(phone, base.phone()), pick(email, base.email()), pick(address, base.address()),
                pick(notes, base.notes()));
    }

    private static String pick(String given, String current) {
        return given != null ? given : current;
    }
}
