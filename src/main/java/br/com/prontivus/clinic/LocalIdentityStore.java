package br.com.prontivus.clinic;

import br.com.prontivus.store.Database;
import br.com.prontivus.store.schema.Schema.LocalIdentity;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** The identity row inside the local SQLite file, written in the same transaction as the clinic. */
public record LocalIdentityStore(Database db) implements IdentityStore {

    @Override
    public Optional<ClinicIdentity> load() {
        return db.read(dsl -> dsl.select(LocalIdentity.CLINIC_ID, LocalIdentity.DEVICE_ID)
                .from(LocalIdentity.TABLE)
                .where(LocalIdentity.SINGLETON.eq(1))
                .fetchOptional(r -> new ClinicIdentity(r.value1(), r.value2())));
    }

    @Override
    public void save(DSLContext tx, ClinicIdentity identity) {
        if (tx.fetchExists(LocalIdentity.TABLE)) {
            throw new DomainException.Conflict("error.clinic.exists",
                    tx.select(LocalIdentity.CLINIC_ID).from(LocalIdentity.TABLE).fetchOne(LocalIdentity.CLINIC_ID));
        }
        tx.insertInto(LocalIdentity.TABLE)
                .set(LocalIdentity.SINGLETON, 1)
                .set(LocalIdentity.DEVICE_ID, identity.deviceId())
                .set(LocalIdentity.CLINIC_ID, identity.clinicId())
                .set(LocalIdentity.CREATED_AT, Instant.now())
                .execute();
    }
}
