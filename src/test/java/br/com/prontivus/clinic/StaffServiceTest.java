package br.com.prontivus.clinic;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.sync.ChangeCapture;
import br.com.prontivus.sync.HybridLogicalClock;
import br.com.prontivus.sync.OutboxCapture;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import br.com.prontivus.testing.TestStores;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaffServiceTest extends br.com.prontivus.testing.DialectTestBase {


    static StaffService staff(ClinicEnv env) {
        return new StaffService(env.data(), TestStores.FAST_HASHER);
    }

    static char[] pw(String s) {
        return s.toCharArray();
    }

    static List<String> audit(ClinicEnv env, String action) {
        var L = Schema.AUDIT_LOG;
        return env.db().read(dsl -> dsl.select(L.SUMMARY).from(L.table()).where(L.ACTION.eq(action))
                .orderBy(L.UPDATED_AT).fetch(L.SUMMARY));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void addAuthenticateAndRefusals(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        StaffService staff = staff(env);
        StaffUser maria = staff.add(ACTOR, "  Maria.Silva ", "Maria Silva", StaffRole.RECEPTION, pw("senha-forte"));
        assertThat(maria.login()).isEqualTo("maria.silva");
        // (on PostgreSQL the stored row has a server version that add() does not report)
        assertThat(staff.get("MARIA.SILVA").orElseThrow()).usingRecursiveComparison().ignoringFields("rowVersion")
                .isEqualTo(maria);
        assertThat(staff.list()).extracting(StaffUser::login).containsExactly("admin", "maria.silva");
        assertThat(audit(env, "user.add")).hasSize(1);
        // the hash, not the password, is stored
        String hash = env.db().read(dsl -> dsl.select(Schema.STAFF_USERS.PASSWORD_HASH).from(Schema.STAFF_USERS.table())
                .where(Schema.STAFF_USERS.ID.eq(maria.id())).fetchOne(Schema.STAFF_USERS.PASSWORD_HASH));
        assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain("senha-forte");

        Map<String, Integer> before = env.counts();
        assertThatThrownBy(() -> staff.add(ACTOR, "maria.silva", "Outra", StaffRole.ADMIN, pw("outra-senha")))
                .isInstanceOfSatisfying(DomainException.Conflict.class,
                        e -> assertThat(e.key()).isEqualTo("error.user.duplicate"));
        assertThatThrownBy(() -> staff.add(ACTOR, "joao", "João", StaffRole.RECEPTION, pw("curta")))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.key()).isEqualTo("error.password.weak"));
        assertThatThrownBy(() -> staff.add(ACTOR, "joao", "João", StaffRole.RECEPTION, pw("         ")))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> staff.add(ACTOR, "joao", "João", StaffRole.RECEPTION, null))
                .isInstanceOf(DomainException.InvalidInput.class);
        for (String bad : List.of("jo", "joão", "joao silva", "a".repeat(33), "joao@clinica", "")) {
            assertThatThrownBy(() -> staff.add(ACTOR, bad, "João", StaffRole.RECEPTION, pw("senha-forte")))
                    .as(bad).isInstanceOfSatisfying(DomainException.InvalidInput.class,
                            e -> assertThat(e.key()).isEqualTo("error.user.login_format"));
        }
        assertThatThrownBy(() -> staff.add(ACTOR, "joao", " ", StaffRole.RECEPTION, pw("senha-forte")))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThat(env.counts()).isEqualTo(before);

        assertThat(staff.authenticate(" MARIA.silva ", pw("senha-forte"))).isEqualTo(staff.get("maria.silva").orElseThrow());
        assertThat(env.counts()).isEqualTo(before); // a good login writes nothing
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void wrongPasswordOrUnknownLoginFailsAndIsAudited(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        StaffService staff = staff(env);
        StaffUser maria = staff.add(ACTOR, "maria", "Maria", StaffRole.RECEPTION, pw("senha-forte"));
        int auditBefore = env.count("audit_log");
        assertThatThrownBy(() -> staff.authenticate("maria", pw("senha-errada")))
                .isInstanceOfSatisfying(DomainException.AuthenticationFailed.class,
                        e -> assertThat(e.key()).isEqualTo("error.login.failed"));
        assertThatThrownBy(() -> staff.authenticate("ninguem", pw("senha-forte")))
                .isInstanceOfSatisfying(DomainException.AuthenticationFailed.class,
                        e -> assertThat(e.key()).isEqualTo("error.login.failed"));
        assertThat(env.count("audit_log")).isEqualTo(auditBefore + 2);
        assertThat(audit(env, "login.failed")).containsExactly("login:maria: failed login for maria",
                "login:ninguem: failed login for ninguem");
        var L = Schema.AUDIT_LOG;
        List<java.util.UUID> entities = env.db().read(dsl -> dsl.select(L.ENTITY_ID).from(L.table())
                .where(L.ACTION.eq("login.failed")).orderBy(L.UPDATED_AT).fetch(L.ENTITY_ID));
        assertThat(entities).containsExactly(maria.id(), null);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deactivatedUserIsRefused(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        StaffService staff = staff(env);
        staff.add(ACTOR, "maria", "Maria", StaffRole.RECEPTION, pw("senha-forte"));
        staff.setActive(ACTOR, "maria", false);
        assertThat(audit(env, "user.deactivate")).hasSize(1);
        staff.setActive(ACTOR, "maria", false); // no change, no audit
        assertThat(audit(env, "user.deactivate")).hasSize(1);
        assertThatThrownBy(() -> staff.authenticate("maria", pw("senha-forte")))
                .isInstanceOfSatisfying(DomainException.AuthenticationFailed.class,
                        e -> assertThat(e.key()).isEqualTo("error.login.inactive"));
        staff.setActive(ACTOR, "maria", true);
        assertThat(staff.authenticate("maria", pw("senha-forte")).active()).isTrue();
        assertThatThrownBy(() -> staff.setActive(ACTOR, "nobody", true)).isInstanceOf(DomainException.NotFound.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void changePasswordThenOldFailsAndNewWorks(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        StaffService staff = staff(env);
        staff.add(ACTOR, "maria", "Maria", StaffRole.RECEPTION, pw("senha-antiga"));
        staff.changePassword(ACTOR, "Maria", pw("senha-nova-1"));
        assertThat(audit(env, "user.passwd")).hasSize(1);
        assertThatThrownBy(() -> staff.authenticate("maria", pw("senha-antiga")))
                .isInstanceOf(DomainException.AuthenticationFailed.class);
        assertThat(staff.authenticate("maria", pw("senha-nova-1")).login()).isEqualTo("maria");
        Map<String, Integer> before = env.counts();
        assertThatThrownBy(() -> staff.changePassword(ACTOR, "maria", pw("curta")))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> staff.changePassword(ACTOR, "nobody", pw("senha-nova-2")))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat(env.counts()).isEqualTo(before);
        // the administrator made by init can log in
        assertThat(staff.authenticate("admin", pw("segredo123")).role()).isEqualTo(StaffRole.ADMIN);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void secondInitOnTheSameDatabaseIsRefusedAndWritesNothing(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        Map<String, Integer> before = env.counts();
        var identity = br.com.prontivus.testing.TestStores.identities(env.db()).load().orElseThrow();
        assertThat(identity.clinicId()).isEqualTo(env.data().clinicId());
        ChangeCapture capture = env.hasOutbox() ? new OutboxCapture(env.clock()) : new ChangeCapture.None();
        assertThatThrownBy(() -> ClinicSetup.createClinic(env.db(), br.com.prontivus.testing.TestStores.identities(env.db()), capture, new HybridLogicalClock(env.clock()),
                env.clock(), TestStores.FAST_HASHER, "Outra Clínica", "chefe", "Chefe", pw("senha-forte"), "pc2", "os"))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> {
                    assertThat(e.key()).isEqualTo("error.clinic.exists");
                    assertThat(e.getMessage()).contains(identity.clinicId().toString());
                });
        assertThat(env.counts()).isEqualTo(before);
        assertThat(br.com.prontivus.testing.TestStores.identities(env.db()).load()).contains(identity);
        assertThat(ClinicSetup.clinicName(env.db(), identity.clinicId())).isEqualTo("Clínica Teste");
    }

    @Test
    void passwordHasherRoundTripAndFormat() {
        PasswordHasher h = new PasswordHasher(10_000);
        String hash = h.hash(pw("correct horse"));
        assertThat(hash).matches("pbkdf2-sha256\\$10000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(h.matches(pw("correct horse"), hash)).isTrue();
        assertThat(h.matches(pw("correct horsE"), hash)).isFalse();
        assertThat(h.matches(pw(""), hash)).isFalse();
        assertThat(h.hash(pw("correct horse"))).isNotEqualTo(hash); // salted
        // a hash made with other iterations still verifies (the cost travels with the hash)
        assertThat(new PasswordHasher(20_000).matches(pw("correct horse"), hash)).isTrue();
        assertThatThrownBy(() -> new PasswordHasher(9_999)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "pbkdf2-sha256$10000$abc", "md5$10000$AAAA$AAAA",
            "pbkdf2-sha256$x$AAAAAAAAAAAAAAAAAAAAAA$AAAA", "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
            "pbkdf2-sha256$-5$AAAAAAAAAAAAAAAAAAAAAA$AAAA", "pbkdf2-sha256$10000$$AAAA",
            "pbkdf2-sha256$10000$!!!$AAAA"})
    void malformedHashesNeverMatch(String stored) {
        assertThat(TestStores.FAST_HASHER.matches(pw("x"), stored)).isFalse();
        assertThat(TestStores.FAST_HASHER.matches(pw("x"), null)).isFalse();
    }

    @Test
    void tamperedHashDoesNotMatch() {
        PasswordHasher h = TestStores.FAST_HASHER;
        String hash = h.hash(pw("segredo123"));
        String[] parts = hash.split("\\$");
        byte[] digest = Base64.getDecoder().decode(parts[3]);
        digest[0] ^= 1;
        String tamperedDigest = parts[0] + "$" + parts[1] + "$" + parts[2] + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(digest);
        assertThat(h.matches(pw("segredo123"), tamperedDigest)).isFalse();
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        salt[3] ^= 1;
        String tamperedSalt = parts[0] + "$" + parts[1] + "$" + Base64.getEncoder().withoutPadding().encodeToString(salt)
                + "$" + parts[3];
        assertThat(h.matches(pw("segredo123"), tamperedSalt)).isFalse();
        String tamperedIterations = parts[0] + "$10001$" + parts[2] + "$" + parts[3];
        assertThat(h.matches(pw("segredo123"), tamperedIterations)).isFalse();
    }
}
