package br.com.prontivus.clinic;

import br.com.prontivus.store.Ids;
import br.com.prontivus.store.schema.Schema;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** Staff accounts: creation, password changes and login against the local hashes (works offline). */
public final class StaffService {

    private static final Schema.StaffUsers U = Schema.STAFF_USERS;
    public static final int MIN_PASSWORD = 8;

    private final ClinicData data;
    private final PasswordHasher hasher;

    public StaffService(ClinicData data, PasswordHasher hasher) {
        this.data = data;
        this.hasher = hasher;
    }

    public StaffUser add(Actor actor, String login, String fullName, StaffRole role, char[] password) {
        String normalized = normalizeLogin(login);
        if (fullName == null || fullName.isBlank()) {
            throw new DomainException.InvalidInput("full_name", "error.required", "full_name");
        }
        checkPassword(password);
        String hash = hasher.hash(password);
        UUID id = Ids.newId();
        return data.write(actor, tx -> {
            if (find(tx.dsl(), normalized).isPresent()) {
                throw new DomainException.Conflict("error.user.duplicate", normalized);
            }
            insertUser(tx, id, normalized, fullName.strip(), role, hash);
            tx.audit("user.add", "staff_users", id, "added " + normalized + " (" + role.dbValue() + ")");
            return find(tx.dsl(), normalized).orElseThrow(); // read back: the server may have set row_version
        });
    }

    static void insertUser(ClinicData.Tx tx, UUID id, String login, String fullName, StaffRole role, String hash) {
        Map<Field<?>, Object> v = new HashMap<>();
        v.put(U.LOGIN, login);
        v.put(U.FULL_NAME, fullName);
        v.put(U.PASSWORD_HASH, hash);
        v.put(U.ROLE, role.dbValue());
        v.put(U.ACTIVE, true);
        tx.insert(U, id, v);
    }

    public void changePassword(Actor actor, String login, char[] newPassword) {
        checkPassword(newPassword);
        String hash = hasher.hash(newPassword);
        data.write(actor, tx -> {
            StaffUser user = find(tx.dsl(), normalizeLogin(login))
                    .orElseThrow(() -> new DomainException.NotFound("error.user.not_found", login));
            tx.update(U, user.id(), Map.of(U.PASSWORD_HASH, hash));
            tx.audit("user.passwd", "staff_users", user.id(), "changed the password of " + user.login());
            return null;
        });
    }

    public void setActive(Actor actor, String login, boolean active) {
        data.write(actor, tx -> {
            StaffUser user = find(tx.dsl(), normalizeLogin(login))
                    .orElseThrow(() -> new DomainException.NotFound("error.user.not_found", login));
            if (tx.update(U, user.id(), Map.of(U.ACTIVE, active))) {
                tx.audit(active ? "user.activate" : "user.deactivate", "staff_users", user.id(),
                        (active ? "activated " : "deactivated ") + user.login());
            }
            return null;
        });
    }

    /**
     * Checks a login against the local hash. A failure is audited (who tried which login) and
     * answered with one message for both unknown login and wrong password.
     */
    public StaffUser authenticate(String login, char[] password) {
        String normalized = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
        Optional<Record> row = data.read(dsl -> dsl.select(U.allFields()).from(U.table())
                .where(U.CLINIC_ID.eq(data.clinicId())).and(U.LOGIN.eq(normalized)).and(U.DELETED.isFalse())
                .fetchOptional());
        boolean matches = row.isPresent() && hasher.matches(password, row.get().get(U.PASSWORD_HASH));
        if (!matches) {
            data.write(new Actor(null, "login:" + normalized, StaffRole.RECEPTION), tx -> {
                tx.audit("login.failed", "staff_users", row.map(r -> r.get(U.ID)).orElse(null),
                        "failed login for " + normalized);
                return null;
            });
            throw new DomainException.AuthenticationFailed("error.login.failed");
        }
        StaffUser user = map(row.get());
        if (!user.active()) {
            throw new DomainException.AuthenticationFailed("error.login.inactive", user.login());
        }
        return user;
    }

    public List<StaffUser> list() {
        return data.read(dsl -> dsl.select(U.allFields()).from(U.table())
                .where(U.CLINIC_ID.eq(data.clinicId())).and(U.DELETED.isFalse())
                .orderBy(U.LOGIN)
                .fetch(StaffService::map));
    }

    public Optional<StaffUser> get(String login) {
        return data.read(dsl -> find(dsl, login.strip().toLowerCase(Locale.ROOT)));
    }

    private Optional<StaffUser> find(DSLContext dsl, String login) {
        return dsl.select(U.allFields()).from(U.table())
                .where(U.CLINIC_ID.eq(data.clinicId())).and(U.LOGIN.eq(login)).and(U.DELETED.isFalse())
                .fetchOptional(StaffService::map);
    }

    static String normalizeLogin(String login) {
        String normalized = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
        if (!normalized.matches("[a-z0-9._-]{3,32}")) {
            throw new DomainException.InvalidInput("login", "error.user.login_format", login);
        }
        return normalized;
    }

    static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD || new String(password).isBlank()) {
            throw new DomainException.InvalidInput("password", "error.password.weak");
        }
    }

    static StaffUser map(Record r) {
        return new StaffUser(r.get(U.ID), r.get(U.CLINIC_ID), r.get(U.LOGIN), r.get(U.FULL_NAME),
                StaffRole.parse(r.get(U.ROLE)), r.get(U.ACTIVE), r.get(U.ROW_VERSION));
    }

    /** Wipes a password from memory once it has been used. */
    public static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
