package br.com.prontivus.clinic;

import static br.com.prontivus.testing.ClinicEnv.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.prontivus.bench.PatientGenerator;
import br.com.prontivus.store.SqliteDatabase;
import br.com.prontivus.testing.ClinicEnv;
import br.com.prontivus.testing.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.Test;

/**
 * Migration 2026.11.26.1000 dropped SQLite's plain CPF index: every CPF lookup must now be served by
 * the partial unique index ux_patients_cpf, which SQLite only uses when the query states
 * {@code deleted = 0} literally. The statements the service really runs are captured and their
 * plans checked: a bound {@code deleted} would make them scan the clinic (O(n) per registration).
 */
class CpfIndexPlanTest extends br.com.prontivus.testing.DialectTestBase {

    private record Captured(String sql, List<Object> binds) {
    }

    @Test
    void everyCpfLookupUsesThePartialUniqueIndex() throws Exception {
        ClinicEnv env = ClinicEnv.create(stores, Dialect.SQLITE);
        SqliteDatabase db = (SqliteDatabase) env.db();
        PatientService patients = new PatientService(env.data());
        PatientGenerator generator = new PatientGenerator(11);
        patients.registerBatch(ACTOR, generator.drafts(0, 300));
        Patient some = patients.list(1, 0).getFirst();
        patients.delete(ACTOR, patients.list(1, 5).getFirst().id());

        List<Captured> captured = new CopyOnWriteArrayList<>();
        db.executeListener(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                String sql = ctx.sql();
                String lower = sql == null ? "" : sql.strip().toLowerCase(java.util.Locale.ROOT);
                int where = lower.indexOf(" where ");
                if (lower.startsWith("select") && where > 0 && lower.substring(where).contains("cpf")
                        && ctx.query() != null) {
                    captured.add(new Captured(sql, new ArrayList<>(ctx.query().getBindValues())));
                }
            }
        });
        try {
            assertThatThrownBy(() -> patients.register(ACTOR, some.toDraft()))
                    .isInstanceOf(DomainException.Conflict.class);                // requireCpfFree
            patients.registerBatch(ACTOR, List.of(generator.person(1_000).draft(), some.toDraft())); // cpfsTaken
            patients.update(ACTOR, some.id(), some.toDraft());                    // requireCpfFree with id <> ?
            assertThat(patients.search(some.cpf().substring(0, 5), 50)).isNotEmpty(); // countUpTo + UNION
        } finally {
            db.executeListener(null);
        }
        // possibleDuplicates (cpf = ? OR name and birth date) is left out: SQLite walks the clinic's name
        // index for that OR with or without the CPF index, as it did before 2026.11.26.1000.
        assertThat(captured).hasSizeGreaterThanOrEqualTo(5);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file())) {
            try (ResultSet r = c.createStatement().executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'patients'")) {
                List<String> indexes = new ArrayList<>();
                while (r.next()) {
                    indexes.add(r.getString(1));
                }
                assertThat(indexes).contains("ux_patients_cpf").doesNotContain("ix_patients_cpf");
            }
            for (Captured q : captured) {
                String plan = plan(c, q);
                assertThat(plan).as("%s%n%s", q.sql(), plan)
                        .contains("ux_patients_cpf")
                        .doesNotContain("SCAN patients")
                        .doesNotContain("SCAN \"patients\"");
            }
        }
    }

    private static String plan(Connection c, Captured q) throws Exception {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + q.sql())) {
            for (int i = 0; i < q.binds().size(); i++) {
                Object v = q.binds().get(i);
                s.setObject(i + 1, v instanceof UUID || v instanceof java.time.LocalDate ? v.toString()
                        : v instanceof Boolean b ? (b ? 1 : 0) : v);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    plan.append(r.getString("detail")).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
