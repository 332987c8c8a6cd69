package br.com.prontivus.sync;

import br.com.prontivus.migration.MigrationActor;
import br.com.prontivus.migration.MigrationOutcome;
import br.com.prontivus.migration.Migrator;
import br.com.prontivus.store.PostgresDatabase;
import java.util.Locale;
import java.util.UUID;
import org.jooq.impl.DSL;

/**
 * Administration of the central server, run with a privileged connection: schema, roles and
 * row-level security ({@code server setup}), and the login role a clinic's desktops use
 * ({@code server grant}). Desktops never connect as a superuser.
 */
public final class ServerAdmin {

    public static final String DESKTOP_GROUP = "prontivus_desktop";

    private final PostgresDatabase server;
    private final MigrationActor actor;

    public ServerAdmin(PostgresDatabase server, MigrationActor actor) {
        this.server = server;
        this.actor = actor;
    }

    /** Migrates the server schema (which also creates the desktop group role and the policies). */
    public MigrationOutcome setup() {
        MigrationOutcome outcome = Migrator.forPostgres(server.dataSource(), actor).run();
        Boolean rls = server.read(dsl -> dsl.resultQuery(
                "SELECT bool_and(relrowsecurity) FROM pg_class WHERE relname IN ('patients', 'appointments', 'staff_users')")
                .fetchOne(0, Boolean.class));
        if (!Boolean.TRUE.equals(rls)) {
            throw new IllegalStateException("Row-level security is not enabled on the server tables after setup");
        }
        return outcome;
    }

    /**
     * Creates (or re-passwords) the login role of one clinic's desktops and maps it to the clinic.
     * The role may read and write only that clinic's rows, through the policies.
     */
    public void grant(UUID clinicId, String role, char[] password) {
        if (!role.matches("[a-z_][a-z0-9_]{2,62}")) {
            throw new IllegalArgumentException("A role name has 3 to 63 characters: lower-case letters, digits, underscore,"
                    + " not starting with a digit (got " + role + ")");
        }
        if (password == null || password.length < 12) {
            throw new IllegalArgumentException("A clinic role's password must have at least 12 characters");
        }
        String secret = new String(password);
        server.writeVoid(dsl -> {
            boolean exists = dsl.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("pg_roles")))
                    .where(DSL.field(DSL.name("rolname")).eq(role)));
            if (exists) {
                dsl.execute("ALTER ROLE {0} WITH LOGIN PASSWORD {1}", DSL.name(role), DSL.inline(secret));
            } else {
                dsl.execute("CREATE ROLE {0} LOGIN PASSWORD {1}", DSL.name(role), DSL.inline(secret));
            }
            dsl.execute("GRANT {0} TO {1}", DSL.name(DESKTOP_GROUP), DSL.name(role));
            UUID mapped = dsl.select(DSL.field(DSL.name("clinic_id"), UUID.class))
                    .from(DSL.table(DSL.name("clinic_members")))
                    .where(DSL.field(DSL.name("role_name")).eq(role)).fetchOptional(0, UUID.class).orElse(null);
            if (mapped != null && !mapped.equals(clinicId)) {
                throw new IllegalStateException("Role " + role + " already belongs to clinic " + mapped);
            }
            if (mapped == null) {
                dsl.execute("INSERT INTO clinic_members (role_name, clinic_id) VALUES ({0}, {1})",
                        DSL.val(role), DSL.val(clinicId));
            }
        });
    }

    /** What a server purge removed and the clinic's new purge horizon. */
    public record PurgeReport(UUID clinicId, java.time.Instant olderThan, java.util.Map<String, Integer> removed,
                              long horizon) {
    }

    /**
     * Server side of retention: hard-deletes the clinic's tombstones last changed before
     * {@code olderThan} (never a row a remaining row references) and moves the clinic's purge horizon
     * ({@code sync_horizon.purged_through}) up to the highest version removed, so a desktop whose pull
     * cursor is below it re-bootstraps instead of missing those deletes. One transaction.
     */
    public PurgeReport purge(UUID clinicId, java.time.Instant olderThan) {
        long hlcHorizon = olderThan.toEpochMilli() << 16;
        return server.write(dsl -> {
            java.util.Map<String, Integer> removed = new java.util.LinkedHashMap<>();
            long max = 0;
            for (var table : Retention.PURGEABLE) {
                org.jooq.Condition purgeable = table.CLINIC_ID.eq(clinicId).and(table.DELETED.isTrue())
                        .and(table.UPDATED_AT.lt(hlcHorizon));
                for (var child : Retention.REFERENCED_BY.getOrDefault(table, java.util.List.of())) {
                    var childTable = br.com.prontivus.store.schema.Schema.APPOINTMENTS;
                    purgeable = purgeable.andNotExists(DSL.selectOne().from(childTable.table())
                            .where(childTable.CLINIC_ID.eq(clinicId)).and(child.eq(table.ID)));
                }
                var versions = dsl.deleteFrom(table.table()).where(purgeable).returning(table.ROW_VERSION)
                        .fetch(table.ROW_VERSION);
                removed.put("tombstones." + table.name(), versions.size());
                for (Long v : versions) {
                    if (v != null) {
                        max = Math.max(max, v);
                    }
                }
            }
            long purgedThrough = max;
            long horizon = dsl.resultQuery("""
                    INSERT INTO sync_horizon AS h (clinic_id, purged_through, purged_at) VALUES ({0}, {1}, now())
                    ON CONFLICT (clinic_id) DO UPDATE
                        SET purged_through = GREATEST(h.purged_through, EXCLUDED.purged_through),
                            purged_at = now()
                    RETURNING purged_through""", DSL.val(clinicId), DSL.val(purgedThrough))
                    .fetchOne(0, Long.class);
            return new PurgeReport(clinicId, olderThan, removed, horizon);
        });
    }

    /** Lower-case role name suggested for a clinic: {@code clinic_<first 12 hex digits>}. */
    public static String defaultRole(UUID clinicId) {
        return "clinic_" + clinicId.toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }
}
