package br.com.prontivus.clinic;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.sync.CanonicalJson;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PatientServiceTest extends br.com.prontivus.testing.DialectTestBase {


    static PatientDraft jose() {
        return new PatientDraft("José da Conceição", null, "529.982.247-25", LocalDate.of(1980, 1, 2), "male",
                "(11) 98765-4321", "jose@example.com", "Rua A, 1", null);
    }

    static PatientDraft named(String name, String cpf, String phone) {
        return new PatientDraft(name, null, cpf, null, null, phone, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void registerWritesPatientOutboxAndAuditInOneGo(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Map<String, Integer> before = env.counts();

        Patient p = patients.register(ACTOR, jose());

        Map<String, Integer> after = env.counts();
        assertThat(after.get("patients")).isEqualTo(before.get("patients") + 1);
        assertThat(after.get("audit_log")).isEqualTo(before.get("audit_log") + 1);
        assertThat(p.cpf()).isEqualTo("52998224725");
        assertThat(p.phone()).isEqualTo("11987654321");
        assertThat(p.deleted()).isFalse();
        assertThat(patients.get(p.id())).contains(p);
        assertThat(auditActions(env, p)).containsExactly("patient.register");
        if (env.hasOutbox()) {
            // the patient's own entry plus the audit row's entry (the audit log is synced too)
            assertThat(after.get("outbox")).isEqualTo(before.get("outbox") + 2);
            List<Record> entries = env.outboxFor("patients");
            assertThat(entries).hasSize(1);
            Record e = entries.getFirst();
            assertThat(e.get(Outbox.ROW_ID)).isEqualTo(p.id());
            assertThat(e.get(Outbox.KIND)).isEqualTo("insert");
            assertThat(e.get(Outbox.STATUS)).isEqualTo("pending");
            assertThat(e.get(Outbox.ATTEMPTS)).isZero();
            assertThat(e.get(Outbox.BASE_VERSION)).isNull();
            assertThat(e.get(Outbox.HLC)).isEqualTo(p.updatedAt());
            assertThat(CanonicalJson.read(e.get(Outbox.ROW_AFTER)).get("cpf").asText()).isEqualTo("52998224725");
            assertThat(env.outboxFor("audit_log")).hasSize(2); // clinic.init and patient.register
        } else {
            assertThat(p.rowVersion()).isNotNull(); // cloud mode: the server trigger assigned it
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void invalidOrDuplicateCpfChangesNothing(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient first = patients.register(ACTOR, jose());
        Map<String, Integer> before = env.counts();

        assertThatThrownBy(() -> patients.register(ACTOR, named("Outra Pessoa", "529.982.247-26", null)))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> patients.register(ACTOR, named("Outra Pessoa", "52998224725", null)))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> {
                    assertThat(e.key()).isEqualTo("error.cpf.duplicate");
                    assertThat(e.getMessage()).contains("529.982.247-25").contains("José da Conceição");
                });
        // an update onto someone else's CPF is refused the same way
        Patient other = patients.register(ACTOR, named("Outra Pessoa", "111.444.777-35", null));
        Map<String, Integer> beforeUpdate = env.counts();
        assertThatThrownBy(() -> patients.update(ACTOR, other.id(), named("Outra Pessoa", "529.982.247-25", null)))
                .isInstanceOf(DomainException.Conflict.class);
        assertThat(env.counts()).isEqualTo(beforeUpdate);
        assertThat(patients.require(other.id()).cpf()).isEqualTo("11144477735");
        assertThat(patients.require(first.id())).isEqualTo(first);
        assertThat(before.get("patients") + 1).isEqualTo(beforeUpdate.get("patients"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDeletedPatientsCpfCanBeReused(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient first = patients.register(ACTOR, jose());
        patients.delete(ACTOR, first.id());
        Patient again = patients.register(ACTOR, jose());
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(patients.search("52998224725", 10)).extracting(Patient::id).containsExactly(again.id());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void updateChangesOnlyTheDifferingFields(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient p = patients.register(ACTOR, jose());
        if (env.hasOutbox()) {
            // pretend the server acknowledged the insert with version 7
            env.db().writeVoid(dsl -> dsl.update(Schema.PATIENTS.table()).set(Schema.PATIENTS.ROW_VERSION, 7L)
                    .where(Schema.PATIENTS.ID.eq(p.id())).execute());
        }
        Map<String, Integer> before = env.counts();
        env.clock().advance(java.time.Duration.ofMinutes(1));

        PatientDraft changed = new PatientDraft("José da Conceição", null, "529.982.247-25", LocalDate.of(1980, 1, 2),
                "male", "(11) 3456-7890", "jose@example.org", "Rua A, 1", null);
        Patient after = patients.update(ACTOR, p.id(), changed);

        assertThat(after.phone()).isEqualTo("1134567890");
        assertThat(after.email()).isEqualTo("jose@example.org");
        assertThat(after.fullName()).isEqualTo(p.fullName());
        assertThat(after.updatedAt()).isGreaterThan(p.updatedAt());
        Map<String, Integer> now = env.counts();
        assertThat(now.get("patients")).isEqualTo(before.get("patients"));
        assertThat(now.get("audit_log")).isEqualTo(before.get("audit_log") + 1);
        assertThat(auditActions(env, p)).containsExactly("patient.register", "patient.update");
        if (env.hasOutbox()) {
            Record e = env.outboxFor("patients").getLast();
            assertThat(e.get(Outbox.KIND)).isEqualTo("update");
            assertThat(stringList(e.get(Outbox.CHANGED_FIELDS))).containsExactlyInAnyOrder("phone", "email");
            assertThat(e.get(Outbox.BASE_VERSION)).isEqualTo(7L);
            assertThat(e.get(Outbox.HLC)).isEqualTo(after.updatedAt());
            var row = CanonicalJson.read(e.get(Outbox.ROW_AFTER));
            assertThat(row.get("phone").asText()).isEqualTo("1134567890");
            assertThat(row.get("email").asText()).isEqualTo("jose@example.org");
            assertThat(row.get("full_name").asText()).isEqualTo("José da Conceição");
            assertThat(row.get("birth_date").asText()).isEqualTo("1980-01-02");
            assertThat(row.get("notes").isNull()).isTrue();
            // every business column is in the full row after
            assertThat(iterable(row.fieldNames())).containsExactlyInAnyOrderElementsOf(
                    Schema.PATIENTS.dataFields().stream().map(org.jooq.Field::getName).toList());
            // the field versions: the two changed fields carry the update's HLC, the others the insert's
            Map<String, Long> versions = fieldVersions(env, p.id());
            assertThat(versions.get("phone")).isEqualTo(after.updatedAt());
            assertThat(versions.get("email")).isEqualTo(after.updatedAt());
            assertThat(versions.get("full_name")).isEqualTo(p.updatedAt());
        }

        // a name change also changes the derived search column, and search follows
        Patient renamed = patients.update(ACTOR, p.id(), new PatientDraft("João da Conceição", null,
                "529.982.247-25", LocalDate.of(1980, 1, 2), "male", "(11) 3456-7890", "jose@example.org",
                "Rua A, 1", null));
        assertThat(patients.search("joao", 10)).extracting(Patient::id).containsExactly(renamed.id());
        assertThat(patients.search("jose", 10)).isEmpty();
        if (env.hasOutbox()) {
            assertThat(stringList(env.outboxFor("patients").getLast().get(Outbox.CHANGED_FIELDS)))
                    .containsExactlyInAnyOrder("full_name", "search_name");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anUpdateThatChangesNothingWritesNothing(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient p = patients.register(ACTOR, jose());
        Map<String, Integer> before = env.counts();
        env.clock().advance(java.time.Duration.ofMinutes(1));
        // the same values typed differently normalise to the same row
        Patient same = patients.update(ACTOR, p.id(), new PatientDraft(" José  da Conceição ", "", "52998224725",
                LocalDate.of(1980, 1, 2), "MALE", "+55 11 98765-4321", "JOSE@example.com", "Rua A, 1 ", " "));
        assertThat(same).isEqualTo(p);
        assertThat(env.counts()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void updateOrDeleteOfAMissingOrDeletedPatientIsNotFound(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient p = patients.register(ACTOR, jose());
        patients.delete(ACTOR, p.id());
        Map<String, Integer> before = env.counts();
        assertThatThrownBy(() -> patients.update(ACTOR, p.id(), jose())).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> patients.delete(ACTOR, p.id())).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> patients.require(java.util.UUID.randomUUID()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat(env.counts()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deleteIsATombstone(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient p = patients.register(ACTOR, jose());
        Map<String, Integer> before = env.counts();

        patients.delete(ACTOR, p.id());

        var P = Schema.PATIENTS;
        Record row = env.db().read(dsl -> dsl.select(P.allFields()).from(P.table()).where(P.ID.eq(p.id())).fetchOne());
        assertThat(row).isNotNull();
        assertThat(row.get(P.DELETED)).isTrue();
        assertThat(row.get(P.FULL_NAME)).isEqualTo("José da Conceição");
        assertThat(env.count("patients")).isEqualTo(before.get("patients"));
        assertThat(patients.get(p.id())).isEmpty();
        assertThat(patients.count()).isZero();
        assertThat(patients.list(10, 0)).isEmpty();
        assertThat(patients.search("jose", 10)).isEmpty();
        assertThat(patients.search("5299", 10)).isEmpty();
        assertThat(patients.search("1198765", 10)).isEmpty();
        assertThat(auditActions(env, p)).containsExactly("patient.register", "patient.delete");
        assertThat(fieldVersions(env, p.id())).containsKey("deleted");
        if (env.hasOutbox()) {
            Record e = env.outboxFor("patients").getLast();
            assertThat(e.get(Outbox.KIND)).isEqualTo("delete");
            assertThat(stringList(e.get(Outbox.CHANGED_FIELDS))).containsExactly("deleted");
            assertThat(e.get(Outbox.ROW_ID)).isEqualTo(p.id());
            assertThat(fieldVersions(env, p.id()).get("deleted")).isEqualTo(e.get(Outbox.HLC));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void searchByNameIsAccentAndCaseInsensitiveOnWordPrefixes(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient jose = patients.register(ACTOR, jose());
        Patient maria = patients.register(ACTOR, named("Maria da Conceição Souza", "111.444.777-35", "(21) 3456-7890"));
        Patient joana = patients.register(ACTOR, new PatientDraft("Joana Prado", "Bia Conceição", null, null, null,
                null, null, null, null));
        Patient gone = patients.register(ACTOR, named("José Conceição Morto", null, null));
        patients.delete(ACTOR, gone.id());

        assertThat(ids(patients.search("jose", 10))).containsExactly(jose.id());
        assertThat(ids(patients.search("JOSÉ", 10))).containsExactly(jose.id());
        assertThat(ids(patients.search("CONCEI", 10))).containsExactlyInAnyOrder(jose.id(), maria.id(), joana.id());
        assertThat(ids(patients.search("conceicao", 10))).containsExactlyInAnyOrder(jose.id(), maria.id(), joana.id());
        assertThat(ids(patients.search("jo concei", 10))).containsExactlyInAnyOrder(jose.id(), joana.id());
        assertThat(ids(patients.search("maria conc", 10))).containsExactly(maria.id());
        assertThat(ids(patients.search("  souza   MAR ", 10))).containsExactly(maria.id());
        assertThat(ids(patients.search("BÍA", 10))).containsExactly(joana.id()); // social name is indexed
        assertThat(patients.search("onceicao", 10)).isEmpty(); // prefixes of words, not infixes
        assertThat(patients.search("jose maria", 10)).isEmpty();
        assertThat(patients.search("", 10)).isEmpty();
        assertThat(patients.search(null, 10)).isEmpty();
        assertThat(patients.search("concei", 2)).hasSize(2);
        // results in name order
        assertThat(patients.search("concei", 10)).extracting(Patient::fullName)
                .containsExactly("Joana Prado", "José da Conceição", "Maria da Conceição Souza");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void searchByDigitsLooksUpCpfAndPhonePrefixes(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient jose = patients.register(ACTOR, jose());
        Patient maria = patients.register(ACTOR, named("Maria Souza", "111.444.777-35", "(21) 3456-7890"));
        Patient ana = patients.register(ACTOR, named("Ana Lima", null, "(11) 3456-0000"));

        assertThat(ids(patients.search("5299", 10))).containsExactly(jose.id());
        assertThat(ids(patients.search("529.982.247-25", 10))).containsExactly(jose.id());
        assertThat(ids(patients.search("111.444", 10))).containsExactly(maria.id());
        assertThat(ids(patients.search("(21) 3456", 10))).containsExactly(maria.id());
        assertThat(ids(patients.search("11", 10))).containsExactlyInAnyOrder(jose.id(), maria.id(), ana.id());
        assertThat(ids(patients.search("113456", 10))).containsExactly(ana.id());
        assertThat(patients.search("11", 1)).hasSize(1);
        assertThat(patients.search("99999", 10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void possibleDuplicatesBySameCpfOrSameNameAndBirthDate(Dialect dialect) {
        ClinicEnv env = ClinicEnv.create(stores, dialect);
        PatientService patients = new PatientService(env.data());
        Patient jose = patients.register(ACTOR, jose());
        Patient twin = patients.register(ACTOR, new PatientDraft("JOSE DA CONCEICAO", null, null,
                LocalDate.of(1980, 1, 2), null, null, null, null, null));
        patients.register(ACTOR, new PatientDraft("José da Conceição", null, null, LocalDate.of(1981, 1, 2), null,
                null, null, null, null));

        assertThat(ids(patients.possibleDuplicates(named("Zé", "52998224725", null), null)))
                .containsExactly(jose.id());
        assertThat(ids(patients.possibleDuplicates(new PatientDraft("josé da conceição", null, null,
                LocalDate.of(1980, 1, 2), null, null, null, null, null), null)))
                .containsExactlyInAnyOrder(jose.id(), twin.id());
        assertThat(ids(patients.possibleDuplicates(jose(), jose.id()))).containsExactly(twin.id());
        assertThat(patients.possibleDuplicates(named("José da Conceição", null, null), null)).isEmpty();
        patients.delete(ACTOR, twin.id());
        assertThat(ids(patients.possibleDuplicates(jose(), jose.id()))).isEmpty();
    }

    static List<java.util.UUID> ids(List<Patient> patients) {
        return patients.stream().map(Patient::id).toList();
    }

    static List<String> auditActions(ClinicEnv env, Patient p) {
        var L = Schema.AUDIT_LOG;
        return env.db().read(dsl -> dsl.select(L.ACTION).from(L.table()).where(L.ENTITY_ID.eq(p.id()))
                .orderBy(L.UPDATED_AT).fetch(L.ACTION));
    }

    static Map<String, Long> fieldVersions(ClinicEnv env, java.util.UUID id) {
        var P = Schema.PATIENTS;
        return CanonicalJson.readVersions(env.db().read(dsl -> dsl.select(P.FIELD_VERSIONS).from(P.table())
                .where(P.ID.eq(id)).fetchOne(P.FIELD_VERSIONS)));
    }

    static List<String> stringList(String json) {
        List<String> out = new ArrayList<>();
        CanonicalJson.read(json).forEach(n -> out.add(n.asText()));
        return out;
    }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
