package br.com.prontivus.clinic;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.sync.ChangeCapture;
import br.com.prontivus.sync.ChangeWriter;
import br.com.prontivus.sync.HybridLogicalClock;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * First run of a desktop: creates the clinic, this device's identity and the first administrator,
 * all in one transaction (a half-initialised data directory cannot exist).
 */
public final class ClinicSetup {

    public record Result(ClinicIdentity identity, StaffUser admin) {
    }

    private ClinicSetup() {
    }

    public static Result createClinic(Database db, IdentityStore identities, ChangeCapture capture,
                                      HybridLogicalClock hlc, Clock clock, PasswordHasher hasher, String clinicName, String adminLogin,
                                      String adminFullName, char[] adminPassword, String deviceName, String osUser) {
        return createClinic(db, identities, capture, hlc, clock, hasher, null, clinicName, adminLogin, adminFullName,
                adminPassword, deviceName, osUser);
    }

    /**
     * As above with a chosen clinic id: the one an administrator granted on the server
     * ({@code prontivus server grant}), so this desktop's role may write the new clinic's rows.
     */
    public static Result createClinic(Database db, IdentityStore identities, ChangeCapture capture,
                                      HybridLogicalClock hlc, Clock clock, PasswordHasher hasher, UUID chosenClinicId,
                                      String clinicName, String adminLogin, String adminFullName, char[] adminPassword,
                                      String deviceName, String osUser) {
        if (clinicName == null || clinicName.isBlank()) {
            throw new DomainException.InvalidInput("clinic", "error.required", "clinic");
        }
        String login = StaffService.normalizeLogin(adminLogin);
        StaffService.checkPassword(adminPassword);
        String hash = hasher.hash(adminPassword);
        identities.load().ifPresent(existing -> {
            throw new DomainException.Conflict("error.clinic.exists", existing.clinicId());
        });
        UUID clinicId = chosenClinicId != null ? chosenClinicId : Ids.newId();
        UUID deviceId = Ids.newId();
        UUID adminId = Ids.newId();
        ChangeWriter writer = new ChangeWriter(clinicId, deviceId, hlc, capture);
        ClinicData data = new ClinicData(db, writer, clock);
        Actor actor = Actor.system(osUser);
        String fullName = adminFullName == null || adminFullName.isBlank() ? login : adminFullName.strip();
        data.write(actor, tx -> {
            identities.save(tx.dsl(), new ClinicIdentity(clinicId, deviceId));
            tx.insert(Schema.CLINICS, clinicId, Map.of(Schema.CLINICS.NAME, clinicName.strip()));
            Map<org.jooq.Field<?>, Object> device = new java.util.HashMap<>();
            device.put(Schema.DEVICES.NAME, deviceName == null || deviceName.isBlank() ? "desktop" : deviceName);
            device.put(Schema.DEVICES.HOSTNAME, deviceName);
            device.put(Schema.DEVICES.ENROLLED_AT, tx.now());
            tx.insert(Schema.DEVICES, deviceId, device);
            StaffService.insertUser(tx, adminId, login, fullName, StaffRole.ADMIN, hash);
            tx.audit("clinic.init", "clinics", clinicId, "created clinic " + clinicName.strip()
                    + " with administrator " + login);
            return null;
        });
        return new Result(new ClinicIdentity(clinicId, deviceId),
                new StaffUser(adminId, clinicId, login, fullName, StaffRole.ADMIN, true, null));
    }

    /**
     * Enrols this desktop in an existing clinic: only the identity and this device's row are
     * written here; the clinic's data (staff included) arrives with the first pull.
     */
    public static ClinicIdentity joinClinic(Database db, IdentityStore identities, ChangeCapture capture,
                                            HybridLogicalClock hlc, Clock clock, UUID clinicId, String deviceName,
                                            String osUser) {
        identities.load().ifPresent(existing -> {
            throw new DomainException.Conflict("error.clinic.exists", existing.clinicId());
        });
        UUID deviceId = Ids.newId();
        ClinicData data = new ClinicData(db, new ChangeWriter(clinicId, deviceId, hlc, capture), clock);
        data.write(Actor.system(osUser), tx -> {
            identities.save(tx.dsl(), new ClinicIdentity(clinicId, deviceId));
            Map<org.jooq.Field<?>, Object> device = new java.util.HashMap<>();
            device.put(Schema.DEVICES.NAME, deviceName == null || deviceName.isBlank() ? "desktop" : deviceName);
            device.put(Schema.DEVICES.HOSTNAME, deviceName);
            device.put(Schema.DEVICES.ENROLLED_AT, tx.now());
            tx.insert(Schema.DEVICES, deviceId, device);
            tx.audit("device.join", "devices", deviceId, "enrolled device " + deviceName + " in clinic " + clinicId);
            return null;
        });
        return new ClinicIdentity(clinicId, deviceId);
    }

    /** Name of the clinic this desktop belongs to. */
    public static String clinicName(Database db, UUID clinicId) {
        return db.read(dsl -> dsl.select(Schema.CLINICS.NAME).from(Schema.CLINICS.table())
                .where(Schema.CLINICS.ID.eq(clinicId)).fetchOptional(Schema.CLINICS.NAME)).orElse("?");
    }

}
