package br.com.prontivus.clinic;

import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;

/** The clinic's doctors and other professionals who take appointments. */
public final class PractitionerService {

    private static final Schema.Practitioners PR = Schema.PRACTITIONERS;

    private final ClinicData data;

    public PractitionerService(ClinicData data) {
        this.data = data;
    }

    public Practitioner add(Actor actor, String fullName, String specialty, String councilRegistration) {
        if (fullName == null || fullName.isBlank()) {
            throw new DomainException.InvalidInput("full_name", "error.required", "full_name");
        }
        UUID id = Ids.newId();
        Map<Field<?>, Object> values = new HashMap<>();
        values.put(PR.FULL_NAME, fullName.strip());
        values.put(PR.SPECIALTY, blankToNull(specialty));
        values.put(PR.COUNCIL_REGISTRATION, blankToNull(councilRegistration));
        values.put(PR.ACTIVE, true);
        return data.write(actor, tx -> {
            tx.insert(PR, id, values);
            tx.audit("practitioner.add", "practitioners", id, "added " + fullName.strip());
            // Read back: on PostgreSQL the server's trigger has already assigned the row version.
            return tx.dsl().select(PR.allFields()).from(PR.table())
                    .where(PR.CLINIC_ID.eq(tx.clinicId())).and(PR.ID.eq(id))
                    .fetchOne(PractitionerService::map);
        });
    }

    public List<Practitioner> list() {
        return data.read(dsl -> dsl.select(PR.allFields()).from(PR.table())
                .where(PR.CLINIC_ID.eq(data.clinicId())).and(PR.DELETED.isFalse())
                .orderBy(PR.FULL_NAME)
                .fetch(PractitionerService::map));
    }

    public Optional<Practitioner> get(UUID id) {
        return data.read(dsl -> dsl.select(PR.allFields()).from(PR.table())
                .where(PR.CLINIC_ID.eq(data.clinicId())).and(PR.ID.eq(id)).and(PR.DELETED.isFalse())
                .fetchOptional(PractitionerService::map));
    }

    /** By id, or by a unique name (case- and accent-insensitive), as typed on a command line. */
    public Practitioner find(String idOrName) {
        try {
            UUID id = UUID.fromString(idOrName.strip());
            return get(id).orElseThrow(() -> new DomainException.NotFound("error.practitioner.not_found", idOrName));
        } catch (IllegalArgumentException notAnId) {
            String folded = SearchText.fold(idOrName);
            List<Practitioner> matches = list().stream()
                    .filter(p -> SearchText.fold(p.fullName()).equals(folded)).toList();
            if (matches.size() != 1) {
                throw new DomainException.NotFound("error.practitioner.not_found", idOrName);
            }
            return matches.getFirst();
        }
    }

    static Practitioner map(Record r) {
        return new Practitioner(r.get(PR.ID), r.get(PR.CLINIC_ID), r.get(PR.FULL_NAME), r.get(PR.SPECIALTY),
                r.get(PR.COUNCIL_REGISTRATION), r.get(PR.ACTIVE), r.get(PR.ROW_VERSION));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
