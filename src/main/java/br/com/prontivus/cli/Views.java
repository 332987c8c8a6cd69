package br.com.prontivus.cli;

import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.AppointmentStatus;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.clinic.StaffUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows as the command line shows them in JSON: keys equal to the column names. */
final class Views {

    /** Column names of each view, in order: the header of a CSV export even when there are no rows. */
    static final List<String> PATIENT_COLUMNS = List.copyOf(patient(new Patient(null, null, null, null, null, null,
            null, null, null, null, null, null, 0L, false)).keySet());
    static final List<String> APPOINTMENT_COLUMNS = List.copyOf(appointment(new Appointment(null, null, null, null,
            null, null, 0, null, AppointmentStatus.SCHEDULED, null, null, null, null, null, null, null, null, null))
            .keySet());

    private Views() {
    }

    static Map<String, Object> patient(Patient p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("clinic_id", p.clinicId());
        m.put("full_name", p.fullName());
        m.put("social_name", p.socialName());
        m.put("cpf", p.cpf());
        m.put("birth_date", p.birthDate());
        m.put("sex", p.sex());
        m.put("phone", p.phone());
        m.put("email", p.email());
        m.put("address", p.address());
        m.put("notes", p.notes());
        m.put("row_version", p.rowVersion());
        m.put("updated_at", p.updatedAt());
        m.put("deleted", p.deleted());
        return m;
    }

    static Map<String, Object> practitioner(Practitioner p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("clinic_id", p.clinicId());
        m.put("full_name", p.fullName());
        m.put("specialty", p.specialty());
        m.put("council_registration", p.councilRegistration());
        m.put("active", p.active());
        m.put("row_version", p.rowVersion());
        return m;
    }

    static Map<String, Object> appointment(Appointment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("clinic_id", a.clinicId());
        m.put("patient_id", a.patientId());
        m.put("practitioner_id", a.practitionerId());
        m.put("starts_at", a.startsAt());
        m.put("ends_at", a.endsAt());
        m.put("duration_minutes", a.durationMinutes());
        m.put("type", a.type());
        m.put("status", a.status().dbValue());
        m.put("notes", a.notes());
        m.put("scheduled_at", a.scheduledAt());
        m.put("confirmed_at", a.confirmedAt());
        m.put("checked_in_at", a.checkedInAt());
        m.put("in_service_at", a.inServiceAt());
        m.put("completed_at", a.completedAt());
        m.put("cancelled_at", a.cancelledAt());
        m.put("no_show_at", a.noShowAt());
        m.put("row_version", a.rowVersion());
        return m;
    }

    static Map<String, Object> user(StaffUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("clinic_id", u.clinicId());
        m.put("login", u.login());
        m.put("full_name", u.fullName());
        m.put("role", u.role().dbValue());
        m.put("active", u.active());
        m.put("row_version", u.rowVersion());
        return m;
    }
}
