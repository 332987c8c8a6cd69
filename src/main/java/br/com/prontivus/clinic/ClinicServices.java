package br.com.prontivus.clinic;

import java.time.ZoneId;

/** The domain services of one clinic on one database, wired together. */
public record ClinicServices(ClinicData data, PatientService patients, PractitionerService practitioners,
                             AppointmentService appointments, StaffService staff) {

    public static ClinicServices of(ClinicData data, PasswordHasher hasher, ZoneId zone) {
        return new ClinicServices(data, new PatientService(data), new PractitionerService(data),
                new AppointmentService(data, zone), new StaffService(data, hasher));
    }
}
