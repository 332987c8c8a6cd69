package br.com.prontivus.ui.admin;

import atlantafx.base.theme.Styles;
import br.com.prontivus.app.Migrations;
import br.com.prontivus.app.Migrations.Target;
import br.com.prontivus.ui.ConfirmBar;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.time.Instant;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** Migrations: pick the database, see applied and pending, run / roll back / validate, the audit trail. */
final class MigrationsPanel implements AdminPanel {

    private final MigrationsViewModel vm;
    private final I18n i18n;
    private final DeskContext ctx;
    private final VBox root;
    private final ConfirmBar confirm;

    MigrationsPanel(DeskContext ctx, MigrationsViewModel vm) {
        this.ctx = ctx;
        this.vm = vm;
        this.i18n = ctx.i18n();
        confirm = new ConfirmBar(i18n, "rollback");

        ComboBox<Target> target = Forms.id(new ComboBox<>(vm.targets()), "migrationTarget");
        target.valueProperty().bindBidirectional(vm.targetProperty());
        target.setConverter(new StringConverter<>() {
            @Override
            public String toString(Target t) {
                return t == null ? "" : i18n.t(t == Target.LOCAL ? "ui.admin.migrations.local"
                        : "ui.admin.migrations.remote");
            }

            @Override
            public Target fromString(String s) {
                return null;
            }
        });
        Label where = Forms.id(new Label(), "migrationDatabase");
        where.getStyleClass().add(Styles.TEXT_MUTED);
        where.textProperty().bind(Bindings.createStringBinding(() -> {
            Migrations.State s = vm.stateProperty().get();
            if (s == null || s.error() != null) {
                return "";
            }
            return i18n.t("ui.admin.migrations.where", s.database(), PanelParts.dash(i18n, s.currentVersion()),
                    s.pending().size());
        }, vm.stateProperty()));
        HBox head = new HBox(12, target, where);
        head.setAlignment(Pos.CENTER_LEFT);

        TableView<Migrations.Row> table = Forms.id(new TableView<>(vm.rows()), "migrationTable");
        table.setPlaceholder(new Label(i18n.t("ui.admin.migrations.none")));
        table.getColumns().setAll(List.of(
                PanelParts.column(i18n.t("ui.admin.migrations.version"), 140, Migrations.Row::version),
                PanelParts.column(i18n.t("ui.admin.migrations.description"), 280, Migrations.Row::description),
                PanelParts.column(i18n.t("ui.admin.migrations.state"), 110, r -> i18n.t(!r.applied()
                        ? "ui.admin.migrations.pending" : r.success() ? "ui.admin.migrations.applied"
                        : "ui.admin.migrations.failed")),
                PanelParts.column(i18n.t("ui.admin.migrations.installed"), 200, r -> r.installedOn() == null ? ""
                        : time(r.installedOn()) + " · " + r.installedBy()),
                PanelParts.column(i18n.t("ui.admin.migrations.rollback_script"), 110,
                        r -> i18n.t(r.rollbackAvailable() ? "ui.admin.yes" : "ui.admin.no"))));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Migrations.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("migration-pending");
                if (!empty && row != null && !row.applied()) {
                    getStyleClass().add("migration-pending");
                }
            }
        });

        var noTarget = vm.targetProperty().isNull().or(vm.busyProperty());
        Button run = PanelParts.button("runMigrationsButton", i18n.t("ui.admin.migrations.run"),
                MaterialDesignD.DATABASE_ARROW_UP);
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(noTarget.or(Bindings.createBooleanBinding(() -> vm.stateProperty().get() == null
                || vm.stateProperty().get().pending().isEmpty(), vm.stateProperty())));
        run.setOnAction(e -> vm.run());
        Button rollback = PanelParts.button("rollbackButton", i18n.t("ui.admin.migrations.rollback"),
                MaterialDesignD.DATABASE_ARROW_DOWN);
        rollback.getStyleClass().add(Styles.DANGER);
        rollback.disableProperty().bind(noTarget.or(Bindings.createBooleanBinding(() -> vm.latestApplied() == null,
                vm.rows())));
        rollback.setOnAction(e -> {
            Migrations.Row latest = vm.latestApplied();
            if (latest != null) {
                confirm.ask(i18n.t(vm.targetProperty().get() == Target.LOCAL ? "ui.admin.migrations.rollback_confirm_local"
                                : "ui.admin.migrations.rollback_confirm_remote", latest.version(), latest.description()),
                        i18n.t("ui.admin.migrations.rollback_do", latest.version()), vm::rollback);
            }
        });
        Button validate = PanelParts.button("validateButton", i18n.t("ui.admin.migrations.validate"),
                MaterialDesignD.DATABASE_CHECK);
        validate.disableProperty().bind(noTarget);
        validate.setOnAction(e -> vm.validate());
        Button refresh = PanelParts.button("migrationRefresh", i18n.t("ui.admin.refresh"), MaterialDesignR.REFRESH);
        refresh.setOnAction(e -> vm.reload());
        HBox actions = new HBox(8, run, rollback, validate, refresh);

        Label trailTitle = new Label(i18n.t("ui.admin.migrations.trail"));
        trailTitle.getStyleClass().add(Styles.TITLE_4);
        TableView<Migrations.AuditRow> trail = Forms.id(new TableView<>(vm.trail()), "migrationTrail");
        trail.setPlaceholder(new Label(i18n.t("ui.admin.none")));
        trail.getColumns().setAll(List.of(
                PanelParts.column(i18n.t("ui.admin.migrations.when"), 140, a -> time(a.occurredAt())),
                PanelParts.column(i18n.t("ui.admin.migrations.who"), 120, Migrations.AuditRow::who),
                PanelParts.column(i18n.t("ui.admin.migrations.action"), 90, Migrations.AuditRow::action),
                PanelParts.column(i18n.t("ui.admin.migrations.from_to"), 260, a -> PanelParts.dash(i18n,
                        a.fromVersion()) + " → " + PanelParts.dash(i18n, a.toVersion())),
                PanelParts.column(i18n.t("ui.admin.migrations.duration"), 80, a -> a.durationMs() + " ms"),
                PanelParts.column(i18n.t("ui.admin.migrations.outcome"), 80, a -> i18n.t(a.success()
                        ? "ui.admin.migrations.success" : "ui.admin.migrations.failure")),
                PanelParts.column(i18n.t("ui.admin.migrations.detail"), 300, a -> a.detail() == null ? ""
                        : a.detail())));
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(trail, Priority.ALWAYS);
        root = PanelParts.page(head, table, actions, confirm, trailTitle, trail,
                PanelParts.progress(vm, "migrationProgress"), PanelParts.message(vm, "migrationMessage"));
        root.setId("migrationsPanel");
    }

    private String time(Instant t) {
        return t == null ? "" : i18n.dateTime(t.atZone(ctx.zone()));
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void activated() {
        vm.reload();
    }
}
