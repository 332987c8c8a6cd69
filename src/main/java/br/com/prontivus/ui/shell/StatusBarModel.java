package br.com.prontivus.ui.shell;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.app.StatusReport;
import br.com.prontivus.app.SyncService;
import br.com.prontivus.config.Mode;
import br.com.prontivus.ui.Background;
import br.com.prontivus.ui.I18n;
import java.time.Instant;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The state the status bar shows. {@link #refresh()} fills it from {@link StatusReport} (mode, link,
 * outbox); on a hybrid desktop the background {@link SyncService} feeds the same properties (link
 * state, pending, conflicts, last sync) and its "sync now" action through {@link #syncActionProperty()}.
 * Properties are only touched on the JavaFX thread.
 */
public final class StatusBarModel {

    private final Prontivus app;
    private final Background background;
    private final I18n i18n;

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode");
    private final ObjectProperty<LinkState> linkState = new SimpleObjectProperty<>(this, "linkState", LinkState.OFFLINE);
    private final StringProperty linkDetail = new SimpleStringProperty(this, "linkDetail", "");
    private final IntegerProperty pendingChanges = new SimpleIntegerProperty(this, "pendingChanges");
    private final IntegerProperty openConflicts = new SimpleIntegerProperty(this, "openConflicts");
    private final ObjectProperty<Instant> lastSync = new SimpleObjectProperty<>(this, "lastSync");
    private final ObjectProperty<Runnable> syncAction = new SimpleObjectProperty<>(this, "syncAction");
    private final BooleanProperty refreshing = new SimpleBooleanProperty(this, "refreshing");

    public StatusBarModel(Prontivus app, Background background, I18n i18n) {
        this.app = app;
        this.background = background;
        this.i18n = i18n;
        mode.set(app.mode());
        // Hybrid desktops sync in the background; the service is built and started off the FX thread.
        background.run(() -> app.syncService().map(service -> {
            service.start();
            return service;
        }).orElse(null), service -> {
            if (service != null) {
                attach(service);
            }
        }, failure -> linkDetail.set(i18n.error(failure)));
    }

    /** Feeds the bar from the sync service's snapshots and lets "sync now" ask it for a cycle. */
    private void attach(SyncService service) {
        syncAction.set(() -> service.requestSync("status bar"));
        service.addListener(snapshot -> Platform.runLater(() -> apply(snapshot)));
        apply(service.snapshot());
    }

    private void apply(SyncService.Snapshot snapshot) {
        linkState.set(LinkState.valueOf(snapshot.link().name()));
        if (snapshot.latencyMillis() != null) {
            linkDetail.set(i18n.t("ui.status.link.latency", Math.round(snapshot.latencyMillis())));
        }
        if (snapshot.lastError() != null) {
            linkDetail.set(snapshot.lastError());
        }
        pendingChanges.set(snapshot.pending());
        openConflicts.set(snapshot.openConflicts());
        if (snapshot.lastCycleAt() != null && (snapshot.lastReport() == null || snapshot.lastReport().ok())) {
            lastSync.set(snapshot.lastCycleAt());
        }
    }

    /** Re-reads the outbox and probes the link on a worker thread; a refresh already running is not doubled. */
    public void refresh() {
        if (refreshing.get()) {
            return;
        }
        refreshing.set(true);
        background.run(() -> StatusReport.collect(app), this::apply, failure -> {
            refreshing.set(false);
            linkDetail.set(i18n.error(failure));
        });
    }

    @SuppressWarnings("unchecked")
    private void apply(Map<String, Object> report) {
        refreshing.set(false);
        Object outbox = report.get("outbox");
        if (outbox instanceof Map<?, ?> o && o.get("pending") instanceof Number n) {
            pendingChanges.set(n.intValue());
        }
        Map<String, Object> postgres = (Map<String, Object>) report.getOrDefault("postgres", Map.of());
        boolean configured = Boolean.TRUE.equals(postgres.get("configured"));
        if (!configured) {
            linkState.set(LinkState.OFFLINE);
            linkDetail.set(i18n.t("ui.status.link.no_server"));
        } else if (Boolean.TRUE.equals(postgres.get("reachable"))) {
            linkState.set(LinkState.ONLINE);
            linkDetail.set(i18n.t("ui.status.link.reachable", String.valueOf(postgres.get("url"))));
        } else {
            linkState.set(LinkState.OFFLINE);
            linkDetail.set(i18n.t("ui.status.link.unreachable", String.valueOf(postgres.get("reason"))));
        }
    }

    /** Runs the sync engine's action, when one is installed. */
    public void syncNow() {
        Runnable action = syncAction.get();
        if (action != null) {
            action.run();
        }
    }

    public ObjectProperty<Mode> modeProperty() { return mode; }
    public ObjectProperty<LinkState> linkStateProperty() { return linkState; }
    public StringProperty linkDetailProperty() { return linkDetail; }
    public IntegerProperty pendingChangesProperty() { return pendingChanges; }
    public IntegerProperty openConflictsProperty() { return openConflicts; }
    public ObjectProperty<Instant> lastSyncProperty() { return lastSync; }
    public ObjectProperty<Runnable> syncActionProperty() { return syncAction; }
    public BooleanProperty refreshingProperty() { return refreshing; }
}
