package br.com.prontivus.app;

import br.com.prontivus.store.PostgresDatabase;
import java.util.List;
import java.util.UUID;
import org.jooq.impl.DSL;

/**
 * How the configured server sees this installation before it creates or joins a clinic: which
 * clinics its login role was granted ({@code prontivus server grant}), whether the role is privileged
 * (a superuser or a role that bypasses row-level security sees every clinic), and whether a clinic
 * already exists there. Lets {@code init} refuse early instead of queueing changes the server would
 * refuse.
 */
public final class Enrolment {

    private Enrolment() {
    }

    /** The server's view of this installation's role. */
    public record RoleView(String role, boolean privileged, List<UUID> granted) {
    }

    /** @throws IllegalStateException when the server schema is not set up yet */
    public static RoleView role(PostgresDatabase server) {
        return server.read(dsl -> {
            Boolean ready = dsl.resultQuery("SELECT to_regprocedure('session_clinics()') IS NOT NULL")
                    .fetchOne(0, Boolean.class);
            if (!Boolean.TRUE.equals(ready)) {
                throw new IllegalStateException("not set up");
            }
            var me = dsl.resultQuery("SELECT session_user::text, (rolsuper OR rolbypassrls) FROM pg_roles"
                    + " WHERE rolname = session_user").fetchOne();
            List<UUID> granted = dsl.resultQuery("SELECT * FROM session_clinics()").fetch(0, UUID.class);
            return new RoleView(me.get(0, String.class), Boolean.TRUE.equals(me.get(1, Boolean.class)), granted);
        });
    }

    /** True when the server has the clinic's row (and this role may see it). */
    public static boolean clinicExists(PostgresDatabase server, UUID clinicId) {
        return server.read(dsl -> dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("clinics")))
                .where(DSL.field(DSL.name("id"), UUID.class).eq(clinicId))));
    }
}
