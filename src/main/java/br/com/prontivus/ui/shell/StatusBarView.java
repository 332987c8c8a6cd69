package br.com.prontivus.ui.shell;

import br.com.prontivus.config.Mode;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.time.ZoneId;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/** The bottom bar: mode, link, pending local changes, open conflicts, last sync, "sync now". */
public final class StatusBarView {

    private final HBox root;

    public StatusBarView(I18n i18n, StatusBarModel model, ZoneId zone) {
        Label mode = Forms.id(new Label(), "statusMode");
        mode.textProperty().bind(Bindings.createStringBinding(() -> model.modeProperty().get() == null ? ""
                : i18n.t("ui.status.mode", i18n.t("ui.mode." + model.modeProperty().get().name()
                .toLowerCase(Locale.ROOT))), model.modeProperty()));
        Label demo = Forms.id(new Label(i18n.t("ui.status.demo")), "statusDemo");
        demo.getStyleClass().add("status-demo");
        demo.visibleProperty().bind(model.modeProperty().isEqualTo(Mode.NO_PERSISTENCE));
        demo.managedProperty().bind(demo.visibleProperty());

        Label link = Forms.id(new Label(), "statusLink");
        link.textProperty().bind(Bindings.createStringBinding(() -> i18n.t("ui.status.link."
                + model.linkStateProperty().get().name().toLowerCase(Locale.ROOT)), model.linkStateProperty()));
        link.graphicProperty().bind(Bindings.createObjectBinding(() -> switch (model.linkStateProperty().get()) {
            case ONLINE -> new FontIcon(MaterialDesignL.LAN_CONNECT);
            case DEGRADED -> new FontIcon(MaterialDesignA.ALERT_OUTLINE);
            case OFFLINE -> new FontIcon(MaterialDesignL.LAN_DISCONNECT);
        }, model.linkStateProperty()));
        model.linkStateProperty().addListener((obs, o, state) -> styleLink(link, state));
        styleLink(link, model.linkStateProperty().get());
        Tooltip linkTip = new Tooltip();
        linkTip.textProperty().bind(model.linkDetailProperty());
        link.setTooltip(linkTip);

        Label pending = Forms.id(new Label(), "statusPending");
        pending.setGraphic(new FontIcon(MaterialDesignU.UPLOAD_OUTLINE));
        pending.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.t("ui.status.pending", model.pendingChangesProperty().get()),
                model.pendingChangesProperty()));
        Label conflicts = Forms.id(new Label(), "statusConflicts");
        conflicts.setGraphic(new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        conflicts.textProperty().bind(Bindings.createStringBinding(
                () -> i18n.t("ui.status.conflicts", model.openConflictsProperty().get()),
                model.openConflictsProperty()));
        Label lastSync = Forms.id(new Label(), "statusLastSync");
        lastSync.setGraphic(new FontIcon(MaterialDesignC.CLOCK_OUTLINE));
        lastSync.textProperty().bind(Bindings.createStringBinding(() -> model.lastSyncProperty().get() == null
                        ? i18n.t("ui.status.last_sync", i18n.t("ui.status.never"))
                        : i18n.t("ui.status.last_sync", i18n.dateTime(model.lastSyncProperty().get().atZone(zone))),
                model.lastSyncProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button sync = Forms.id(new Button(i18n.t("ui.status.sync_now")), "syncNowButton");
        sync.setGraphic(new FontIcon(MaterialDesignS.SYNC));
        sync.setMnemonicParsing(false);
        sync.setFocusTraversable(false);
        sync.disableProperty().bind(model.syncActionProperty().isNull());
        sync.setOnAction(e -> model.syncNow());
        // A disabled control shows no tooltip, so the reason sits on a wrapper that stays enabled.
        HBox syncHolder = new HBox(sync);
        Tooltip.install(syncHolder, new Tooltip(i18n.t("ui.status.sync_unavailable")));

        root = new HBox(demo, mode, link, pending, conflicts, lastSync, spacer, syncHolder);
        root.getStyleClass().add("status-bar");
        root.setId("statusBar");
    }

    private static void styleLink(Label link, LinkState state) {
        link.getStyleClass().removeAll("link-online", "link-degraded", "link-offline");
        link.getStyleClass().add("link-" + state.name().toLowerCase(Locale.ROOT));
    }

    public Parent root() {
        return root;
    }
}
