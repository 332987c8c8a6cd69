package br.com.prontivus.sync;

import static br.com.prontivus.sync.Edits.register;
import static br.com.prontivus.sync.Edits.set;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.store.schema.Schema.Outbox;
import br.com.prontivus.testing.Desktop;
import br.com.prontivus.testing.SyncWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine reads and prepares batch n+1 while the server applies batch n, and uses it only when
 * batch n was acknowledged whole. Pushed in batches of two, with edits of one row spread over many
 * batches and a damaged op in the middle (its batch is refused, the op parked, the read ahead
 * dropped): ops of each row reach the server in capture order, every op is recorded exactly once,
 * and only the damaged op and the one behind it stay.
 */
class PushReadAheadTest extends br.com.prontivus.testing.SyncWorldTestBase {

    @Test
    void smallBatchesKeepRowOrderAndExactlyOnceAcrossAParkedOp() {
        Desktop a = w.first("ahead", Map.of());
        Patient r = register(a, "Repetido");
        Patient s = register(a, "Vizinho");
        Patient t = register(a, "Estragado");
        for (int i = 1; i <= 6; i++) {
            set(a, r.id(), "phone", "1190000000" + i);
            set(a, s.id(), "notes", "nota " + i);
            if (i == 3) {
                // In the middle of the queue: an update of t, damaged, and right behind it (in the same
                // batch or the next one, which is read ahead while the damaged one is refused) another.
                set(a, t.id(), "email", "original@example.com");
                a.local().writeVoid(dsl -> dsl.update(Outbox.TABLE)
                        .set(Outbox.ROW_AFTER, org.jooq.impl.DSL.replace(Outbox.ROW_AFTER, "original@", "outro@"))
                        .where(Outbox.ROW_ID.eq(t.id())).and(Outbox.KIND.eq("update")).execute());
                set(a, t.id(), "phone", "11977776666"); // waits behind the damaged op
            }
        }
        int queued = a.engine().queue().counts().getOrDefault("pending", 0);

        SyncEngine engine = SyncWorld.engine(a, 2, 5_000, 3);
        SyncEngine.Report report = engine.syncNow();
        assertThat(report.ok()).as(String.valueOf(report.error())).isTrue();
        assertThat(report.parked()).isEqualTo(1);
        assertThat(report.pushed()).isEqualTo(queued - 2);
        assertThat(a.engine().queue().list("parked", 10)).singleElement().satisfies(op -> {
            assertThat(op.rowId()).isEqualTo(t.id());
            assertThat(op.lastError()).contains("checksum mismatch");
        });
        assertThat(a.engine().queue().list("pending", 10)).singleElement()
                .satisfies(op -> assertThat(op.rowId()).isEqualTo(t.id()));

        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + r.id() + "' AND phone = '11900000006'"))
                .isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + s.id() + "' AND notes = 'nota 6'"))
                .isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + t.id() + "' AND email IS NULL"))
                .as("the damaged update was not applied").isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM applied_ops WHERE device_id = '" + a.deviceId() + "'"))
                .as("exactly once").isEqualTo((long) a.engine().queue().counts().getOrDefault("acknowledged", 0));
        for (Patient p : List.of(r, s)) {
            assertThat(serverVersionsInCaptureOrder(a, p.id())).as("row %s in capture order", p.fullName())
                    .isSorted();
        }
        // nothing more goes and nothing loops: the parked op and the one behind it stay
        assertThat(engine.syncNow().pushed()).isZero();
        assertThat(a.engine().queue().counts()).containsEntry("parked", 1).containsEntry("pending", 1);
    }

    /**
     * An op whose stored JSON cannot even be read cannot be prepared ahead; it must fail where it
     * always did, in the server transaction, so the one-by-one path parks it and the rest go on
     * (instead of the read ahead failing every cycle and nothing leaving).
     */
    @Test
    void anOpThatCannotBePreparedIsParkedAndTheOthersGoOn() {
        Desktop a = w.first("unreadable", Map.of());
        Patient broken = register(a, "Ilegivel");
        Patient fine = register(a, "Legivel");
        a.local().writeVoid(dsl -> dsl.update(Outbox.TABLE).set(Outbox.ROW_AFTER, "{not json")
                .where(Outbox.ROW_ID.eq(broken.id())).and(Outbox.KIND.eq("insert")).execute());
        int queued = a.engine().queue().counts().getOrDefault("pending", 0);

        SyncEngine.Report report = SyncWorld.engine(a, 2, 5_000, 3).syncNow();
        assertThat(report.ok()).as(String.valueOf(report.error())).isTrue();
        assertThat(report.parked()).isEqualTo(1);
        assertThat(report.pushed()).isEqualTo(queued - 1);
        assertThat(a.engine().queue().list("parked", 10)).singleElement()
                .satisfies(op -> assertThat(op.rowId()).isEqualTo(broken.id()));
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + fine.id() + "'")).isEqualTo(1);
        assertThat(w.count("SELECT count(*) FROM patients WHERE id = '" + broken.id() + "'")).isZero();
    }

    /** The row version the server gave each op of the row, in the order the desktop captured them. */
    private static List<Long> serverVersionsInCaptureOrder(Desktop d, UUID rowId) {
        List<UUID> ops = d.local().read(dsl -> dsl.select(Outbox.OP_ID).from(Outbox.TABLE)
                .where(Outbox.ROW_ID.eq(rowId)).orderBy(Outbox.SEQ).fetch(Outbox.OP_ID));
        List<Long> versions = new ArrayList<>();
        for (UUID op : ops) {
            versions.add(w.count("SELECT row_version FROM applied_ops WHERE op_id = '" + op + "'"));
        }
        assertThat(versions).hasSize(7);
        return versions;
    }
}
