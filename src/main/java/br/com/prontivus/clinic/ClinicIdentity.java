package br.com.prontivus.clinic;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema.LocalIdentity;
import java.util.Optional;
import java.util.UUID;

/** Which clinic this installation belongs to and which device it is. */
public record ClinicIdentity(UUID clinicId, UUID deviceId) {

    /** The identity stored in the local database, if {@code init} has run. */
    public static Optional<ClinicIdentity> load(Database db) {
        return db.read(dsl -> dsl.select(LocalIdentity.CLINIC_ID, LocalIdentity.DEVICE_ID)
                .from(LocalIdentity.TABLE)
                .where(LocalIdentity.SINGLETON.eq(1))
                .fetchOptional(r -> new ClinicIdentity(r.value1(), r.value2())));
    }
}
