package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.app.Migrations;
import br.com.prontivus.app.Migrations.Target;
import br.com.prontivus.ui.DeskContext;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Schema migrations of this desktop's SQLite file and (when configured) the central PostgreSQL:
 * applied and pending, run, roll back the latest, validate, and the migration audit trail.
 */
public final class MigrationsViewModel extends PanelModel {

    private final ObservableList<Target> targets = FXCollections.observableArrayList();
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(this, "target");
    private final ObjectProperty<Migrations.State> state = new SimpleObjectProperty<>(this, "state");
    private final ObservableList<Migrations.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Migrations.AuditRow> trail = FXCollections.observableArrayList();
    private long sequence;
    private boolean applying;

    public MigrationsViewModel(DeskContext ctx, Administration admin) {
        super(ctx, admin);
        target.addListener((obs, o, n) -> {
            if (n != null && n != o && !applying) {
                reload();
            }
        });
    }

    @Override
    public void reload() {
        long mine = ++sequence;
        Target requested = target.get();
        record Loaded(List<Target> targets, Target target, Migrations.State state, List<Migrations.AuditRow> trail) {
        }
        work(i18n.t("ui.admin.migrations.reading"), () -> {
            List<Target> available = admin.migrationTargets(actor());
            Target t = requested != null && available.contains(requested) ? requested
                    : available.isEmpty() ? null : available.getFirst();
            if (t == null) {
                return new Loaded(available, null, null, List.of());
            }
            Migrations.State s = admin.migrationStatus(actor(), t);
            List<Migrations.AuditRow> audit = s.error() == null ? admin.migrationAudit(actor(), t, 200) : List.of();
            return new Loaded(available, t, s, audit);
        }, loaded -> {
            if (mine != sequence) {
                return;
            }
            if (!targets.equals(loaded.targets())) {
                targets.setAll(loaded.targets());
            }
            applying = true; // the target listener must not reload what was just loaded
            target.set(loaded.target());
            applying = false;
            state.set(loaded.state());
            rows.setAll(loaded.state() == null ? List.of() : loaded.state().rows());
            trail.setAll(loaded.trail());
            if (loaded.state() != null && loaded.state().error() != null) {
                error(i18n.t("ui.admin.migrations.unreadable", loaded.state().error()));
            }
        });
    }

    public void run() {
        Target t = target.get();
        if (t == null) {
            return;
        }
        work(i18n.t("ui.admin.migrations.running"), () -> admin.runMigrations(actor(), t), outcome -> {
            info(outcome.versions().isEmpty() ? i18n.t("ui.admin.migrations.nothing_to_run")
                    : i18n.t("ui.admin.migrations.ran", String.join(", ", outcome.versions()),
                    PanelParts.dash(i18n, outcome.toVersion()), outcome.durationMs()));
            reload();
        });
    }

    public void rollback() {
        Target t = target.get();
        if (t == null) {
            return;
        }
        work(i18n.t("ui.admin.migrations.rolling_back"), () -> admin.rollbackMigration(actor(), t), outcome -> {
            info(i18n.t("ui.admin.migrations.rolled_back", String.join(", ", outcome.versions()),
                    PanelParts.dash(i18n, outcome.toVersion()),
                    outcome.snapshot() == null ? i18n.t("ui.admin.none") : outcome.snapshot()));
            reload();
        });
    }

    public void validate() {
        Target t = target.get();
        if (t == null) {
            return;
        }
        work(i18n.t("ui.admin.migrations.validating"), () -> admin.validateMigrations(actor(), t), v -> {
            if (v.valid()) {
                info(i18n.t("ui.admin.migrations.valid"));
            } else {
                error(i18n.t("ui.admin.migrations.invalid", String.join("; ", v.problems())));
            }
            reload();
        });
    }

    /** The newest applied migration: what "roll back" would undo. */
    public Migrations.Row latestApplied() {
        Migrations.Row latest = null;
        for (Migrations.Row r : rows) {
            if (r.applied() && (latest == null || r.version().compareTo(latest.version()) > 0)) {
                latest = r;
            }
        }
        return latest;
    }

    public ObservableList<Target> targets() { return targets; }
    public ObjectProperty<Target> targetProperty() { return target; }
    public ObjectProperty<Migrations.State> stateProperty() { return state; }
    public ObservableList<Migrations.Row> rows() { return rows; }
    public ObservableList<Migrations.AuditRow> trail() { return trail; }
}
