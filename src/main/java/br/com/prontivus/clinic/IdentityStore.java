package br.com.prontivus.clinic;

import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Where this installation remembers which clinic it belongs to and which device it is: inside the
 * local SQLite file on a desktop, in a small file of the data directory for a cloud-mode client
 * (the central database is shared by every device, so it cannot hold "this device").
 */
public interface IdentityStore {

    Optional<ClinicIdentity> load();

    /** Records the identity as part of the transaction that creates the clinic. */
    void save(DSLContext tx, ClinicIdentity identity);
}
