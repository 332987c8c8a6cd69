package br.com.prontivus.store.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The clinic schema as jOOQ sees it; the same for SQLite and PostgreSQL. */
public final class Schema {

    private Schema() {
    }

    public static final Clinics CLINICS = new Clinics();
    public static final Devices DEVICES = new Devices();
    public static final StaffUsers STAFF_USERS = new StaffUsers();
    public static final Patients PATIENTS = new Patients();
    public static final Practitioners PRACTITIONERS = new Practitioners();
    public static final Appointments APPOINTMENTS = new Appointments();
    public static final AuditLog AUDIT_LOG = new AuditLog();
    public static final SyncConflicts SYNC_CONFLICTS = new SyncConflicts();

    /** Synced tables in dependency order: a row's references always come earlier in this list. */
    public static final List<SyncedTable> SYNCED_TABLES =
            List.of(CLINICS, DEVICES, STAFF_USERS, PATIENTS, PRACTITIONERS, APPOINTMENTS, AUDIT_LOG, SYNC_CONFLICTS);

    public static SyncedTable syncedTable(String name) {
        return SYNCED_TABLES.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a synced table: " + name));
    }

    public static final class Clinics extends SyncedTable {
        public final Field<String> NAME = column("name", SQLDataType.CLOB.notNull());

        Clinics() {
            super("clinics");
        }
    }

    public static final class Devices extends SyncedTable {
        public final Field<String> NAME = column("name", SQLDataType.CLOB.notNull());
        public final Field<String> HOSTNAME = column("hostname", SQLDataType.CLOB);
        public final Field<Instant> ENROLLED_AT = column("enrolled_at", SQLDataType.INSTANT.notNull());

        Devices() {
            super("devices");
        }
    }

    public static final class StaffUsers extends SyncedTable {
        public final Field<String> LOGIN = column("login", SQLDataType.CLOB.notNull());
        public final Field<String> FULL_NAME = column("full_name", SQLDataType.CLOB.notNull());
        public final Field<String> PASSWORD_HASH = column("password_hash", SQLDataType.CLOB.notNull());
        public final Field<String> ROLE = column("role", SQLDataType.CLOB.notNull());
        public final Field<Boolean> ACTIVE = column("active", SQLDataType.BOOLEAN.notNull());

        StaffUsers() {
            super("staff_users");
        }
    }

    public static final class Patients extends SyncedTable {
        public final Field<String> FULL_NAME = column("full_name", SQLDataType.CLOB.notNull());
        public final Field<String> SOCIAL_NAME = column("social_name", SQLDataType.CLOB);
        public final Field<String> CPF = column("cpf", SQLDataType.CLOB);
        public final Field<LocalDate> BIRTH_DATE = column("birth_date", SQLDataType.LOCALDATE);
        public final Field<String> SEX = column("sex", SQLDataType.CLOB);
        public final Field<String> PHONE = column("phone", SQLDataType.CLOB);
        public final Field<String> EMAIL = column("email", SQLDataType.CLOB);
        public final Field<String> ADDRESS = column("address", SQLDataType.CLOB);
        public final Field<String> NOTES = column("notes", SQLDataType.CLOB);
        /** Derived from the names (lower case, no accents); kept as a column so the server can search too. */
        public final Field<String> SEARCH_NAME = column("search_name", SQLDataType.CLOB.notNull());

        Patients() {
            super("patients");
        }
    }

    public static final class Practitioners extends SyncedTable {
        public final Field<String> FULL_NAME = column("full_name", SQLDataType.CLOB.notNull());
        public final Field<String> SPECIALTY = column("specialty", SQLDataType.CLOB);
        public final Field<String> COUNCIL_REGISTRATION = column("council_registration", SQLDataType.CLOB);
        public final Field<Boolean> ACTIVE = column("active", SQLDataType.BOOLEAN.notNull());

        Practitioners() {
            super("practitioners");
        }
    }

    public static final class Appointments extends SyncedTable {
        public final Field<UUID> PATIENT_ID = column("patient_id", SQLDataType.UUID.notNull());
        public final Field<UUID> PRACTITIONER_ID = column("practitioner_id", SQLDataType.UUID.notNull());
        public final Field<Instant> STARTS_AT = column("starts_at", SQLDataType.INSTANT.notNull());
        public final Field<Instant> ENDS_AT = column("ends_at", SQLDataType.INSTANT.notNull());
        public final Field<Integer> DURATION_MINUTES = column("duration_minutes", SQLDataType.INTEGER.notNull());
        public final Field<String> TYPE = column("type", SQLDataType.CLOB.notNull());
        public final Field<String> STATUS = column("status", SQLDataType.CLOB.notNull());
        public final Field<String> NOTES = column("notes", SQLDataType.CLOB);
        public final Field<Instant> SCHEDULED_AT = column("scheduled_at", SQLDataType.INSTANT.notNull());
        public final Field<Instant> CONFIRMED_AT = column("confirmed_at", SQLDataType.INSTANT);
        public final Field<Instant> CHECKED_IN_AT = column("checked_in_at", SQLDataType.INSTANT);
        public final Field<Instant> IN_SERVICE_AT = column("in_service_at", SQLDataType.INSTANT);
        public final Field<Instant> COMPLETED_AT = column("completed_at", SQLDataType.INSTANT);
        public final Field<Instant> CANCELLED_AT = column("cancelled_at", SQLDataType.INSTANT);
        public final Field<Instant> NO_SHOW_AT = column("no_show_at", SQLDataType.INSTANT);

        Appointments() {
            super("appointments");
        }
    }

    public static final class AuditLog extends SyncedTable {
        public final Field<Instant> OCCURRED_AT = column("occurred_at", SQLDataType.INSTANT.notNull());
        public final Field<UUID> USER_ID = column("user_id", SQLDataType.UUID);
        public final Field<UUID> DEVICE_ID = column("device_id", SQLDataType.UUID.notNull());
        public final Field<String> ACTION = column("action", SQLDataType.CLOB.notNull());
        public final Field<String> ENTITY = column("entity", SQLDataType.CLOB.notNull());
        public final Field<UUID> ENTITY_ID = column("entity_id", SQLDataType.UUID);
        public final Field<String> SUMMARY = column("summary", SQLDataType.CLOB.notNull());

        AuditLog() {
            super("audit_log");
        }
    }

    /** A conflict the server found; created on the server, resolved on a desktop, synced both ways. */
    public static final class SyncConflicts extends SyncedTable {
        public final Field<String> TABLE_NAME = column("table_name", SQLDataType.CLOB.notNull());
        public final Field<UUID> ROW_ID = column("row_id", SQLDataType.UUID.notNull());
        public final Field<UUID> OP_ID = column("op_id", SQLDataType.UUID.notNull());
        public final Field<UUID> DEVICE_ID = column("device_id", SQLDataType.UUID.notNull());
        public final Field<String> FIELDS = column("fields", SQLDataType.CLOB.notNull());
        public final Field<String> STRATEGY = column("strategy", SQLDataType.CLOB.notNull());
        public final Field<String> OUTCOME = column("outcome", SQLDataType.CLOB.notNull());
        public final Field<String> STATUS = column("status", SQLDataType.CLOB.notNull());
        public final Field<Instant> DETECTED_AT = column("detected_at", SQLDataType.INSTANT.notNull());
        public final Field<Instant> RESOLVED_AT = column("resolved_at", SQLDataType.INSTANT);
        public final Field<String> RESOLVED_BY = column("resolved_by", SQLDataType.CLOB);
        public final Field<String> RESOLUTION = column("resolution", SQLDataType.CLOB);

        SyncConflicts() {
            super("sync_conflicts");
        }
    }

    /** Local sync bookkeeping (SQLite only, one row). */
    public static final class SyncState {
        public static final Table<Record> TABLE = DSL.table(DSL.name("sync_state"));
        public static final Field<Integer> SINGLETON = f("singleton", SQLDataType.INTEGER);
        public static final Field<Long> PULL_CURSOR = f("pull_cursor", SQLDataType.BIGINT);
        public static final Field<Instant> LAST_PUSH_AT = f("last_push_at", SQLDataType.INSTANT);
        public static final Field<Instant> LAST_PULL_AT = f("last_pull_at", SQLDataType.INSTANT);
        public static final Field<Instant> LAST_SUCCESS_AT = f("last_success_at", SQLDataType.INSTANT);
        public static final Field<String> LAST_ERROR = f("last_error", SQLDataType.CLOB);
        public static final Field<Instant> LAST_ERROR_AT = f("last_error_at", SQLDataType.INSTANT);
        public static final Field<String> SERVER_SCHEMA = f("server_schema", SQLDataType.CLOB);

        private SyncState() {
        }

        private static <T> Field<T> f(String column, org.jooq.DataType<T> type) {
            return DSL.field(DSL.name("sync_state", column), type);
        }
    }

    /** Derived word index of patient names (not synced; rebuilt by whoever writes a patient). */
    public static final class PatientSearchTerms {
        public static final Table<Record> TABLE = DSL.table(DSL.name("patient_search_terms"));
        public static final Field<UUID> CLINIC_ID = DSL.field(DSL.name("patient_search_terms", "clinic_id"), SQLDataType.UUID);
        public static final Field<String> TERM = DSL.field(DSL.name("patient_search_terms", "term"), SQLDataType.CLOB);
        public static final Field<UUID> PATIENT_ID = DSL.field(DSL.name("patient_search_terms", "patient_id"), SQLDataType.UUID);
        /** The patient's search_name (folded full name), the sort key of name search, kept beside each term. */
        public static final Field<String> SEARCH_NAME = DSL.field(DSL.name("patient_search_terms", "search_name"), SQLDataType.CLOB);

        private PatientSearchTerms() {
        }
    }

    /** This installation's identity (one row). */
    public static final class LocalIdentity {
        public static final Table<Record> TABLE = DSL.table(DSL.name("local_identity"));
        public static final Field<Integer> SINGLETON = DSL.field(DSL.name("local_identity", "singleton"), SQLDataType.INTEGER);
        public static final Field<UUID> DEVICE_ID = DSL.field(DSL.name("local_identity", "device_id"), SQLDataType.UUID);
        public static final Field<UUID> CLINIC_ID = DSL.field(DSL.name("local_identity", "clinic_id"), SQLDataType.UUID);
        public static final Field<Instant> CREATED_AT = DSL.field(DSL.name("local_identity", "created_at"), SQLDataType.INSTANT);

        private LocalIdentity() {
        }
    }

    /** Local queue of changes waiting to be pushed (SQLite only). */
    public static final class Outbox {
        public static final Table<Record> TABLE = DSL.table(DSL.name("outbox"));
        public static final Field<Long> SEQ = f("seq", SQLDataType.BIGINT);
        public static final Field<UUID> OP_ID = f("op_id", SQLDataType.UUID);
        public static final Field<UUID> CLINIC_ID = f("clinic_id", SQLDataType.UUID);
        public static final Field<String> TABLE_NAME = f("table_name", SQLDataType.CLOB);
        public static final Field<UUID> ROW_ID = f("row_id", SQLDataType.UUID);
        public static final Field<String> KIND = f("kind", SQLDataType.CLOB);
        public static final Field<String> CHANGED_FIELDS = f("changed_fields", SQLDataType.CLOB);
        public static final Field<String> BASE_VALUES = f("base_values", SQLDataType.CLOB);
        public static final Field<String> ROW_AFTER = f("row_after", SQLDataType.CLOB);
        public static final Field<Long> BASE_VERSION = f("base_version", SQLDataType.BIGINT);
        public static final Field<Long> HLC = f("hlc", SQLDataType.BIGINT);
        public static final Field<String> CHECKSUM = f("checksum", SQLDataType.CLOB);
        public static final Field<String> STATUS = f("status", SQLDataType.CLOB);
        public static final Field<Integer> ATTEMPTS = f("attempts", SQLDataType.INTEGER);
        public static final Field<Instant> NEXT_ATTEMPT_AT = f("next_attempt_at", SQLDataType.INSTANT);
        public static final Field<String> LAST_ERROR = f("last_error", SQLDataType.CLOB);
        public static final Field<Instant> CREATED_AT = f("created_at", SQLDataType.INSTANT);
        public static final Field<Instant> ACKNOWLEDGED_AT = f("acknowledged_at", SQLDataType.INSTANT);
        public static final List<Field<?>> FIELDS = List.of(SEQ, OP_ID, CLINIC_ID, TABLE_NAME, ROW_ID, KIND,
                CHANGED_FIELDS, BASE_VALUES, ROW_AFTER, BASE_VERSION, HLC, CHECKSUM, STATUS, ATTEMPTS,
                NEXT_ATTEMPT_AT, LAST_ERROR, CREATED_AT, ACKNOWLEDGED_AT);

        private Outbox() {
        }

        private static <T> Field<T> f(String column, org.jooq.DataType<T> type) {
            return DSL.field(DSL.name("outbox", column), type);
        }
    }
}
