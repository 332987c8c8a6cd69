package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.app.Administration.SyncOverview;
import br.com.prontivus.sync.OutboxEntry;
import br.com.prontivus.ui.DeskContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Sync and offline: the link, when this desktop last pushed and pulled, the pending and parked
 * operations with their attempts and errors; retry or discard parked ones, force a sync, run the
 * retention cleanup.
 */
public final class SyncViewModel extends PanelModel {

    private final ObjectProperty<SyncOverview> overview = new SimpleObjectProperty<>(this, "overview");
    private final ObservableList<OutboxEntry> pending = FXCollections.observableArrayList();
    private final ObservableList<OutboxEntry> parked = FXCollections.observableArrayList();
    private final StringProperty cleanupReport = new SimpleStringProperty(this, "cleanupReport", "");
    private long sequence;

    public SyncViewModel(DeskContext ctx, Administration admin) {
        super(ctx, admin);
    }

    @Override
    public void reload() {
        long mine = ++sequence;
        work(i18n.t("ui.admin.sync.checking"), () -> admin.syncOverview(actor()), o -> {
            if (mine != sequence) {
                return;
            }
            overview.set(o);
            pending.setAll(o.pending());
            parked.setAll(o.parked());
        });
    }

    public void retry(List<UUID> opIds) {
        if (opIds.isEmpty()) {
            return;
        }
        work(i18n.t("ui.admin.sync.retrying"), () -> admin.retry(actor(), opIds), n -> {
            info(i18n.t("ui.admin.sync.retried", n));
            ctx.changes().written();
            reload();
        });
    }

    public void retryAll() {
        retry(parked.stream().map(OutboxEntry::opId).toList());
    }

    public void discard(List<UUID> opIds) {
        if (opIds.isEmpty()) {
            return;
        }
        work(i18n.t("ui.admin.sync.discarding"), () -> admin.discard(actor(), opIds), gone -> {
            info(i18n.t("ui.admin.sync.discarded", gone.size()));
            ctx.changes().written();
            reload();
        });
    }

    public void syncNow() {
        work(i18n.t("ui.admin.sync.syncing"), () -> admin.syncNow(actor()), report -> {
            if (report.isEmpty()) {
                error(i18n.t("ui.admin.sync.no_engine"));
            } else if (report.get().ok()) {
                info(i18n.t("ui.admin.sync.synced", report.get().pushed(), report.get().pulled(),
                        report.get().parked(), report.get().conflicts()));
            } else {
                error(i18n.t("ui.admin.sync.sync_failed", report.get().error()));
            }
            ctx.changes().written();
            reload();
        });
    }

    public void cleanup() {
        work(i18n.t("ui.admin.sync.cleaning"), () -> admin.cleanup(actor()), report -> {
            if (report.isEmpty()) {
                error(i18n.t("ui.admin.sync.cleanup_unavailable"));
                return;
            }
            Map<String, Integer> removed = report.get().removed();
            String detail = removed.isEmpty() ? i18n.t("ui.admin.none") : removed.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
            cleanupReport.set(i18n.t("ui.admin.sync.cleaned", report.get().total(),
                    i18n.dateTime(report.get().horizon().atZone(ctx.zone())), detail));
            info(cleanupReport.get());
            reload();
        });
    }

    public ObjectProperty<SyncOverview> overviewProperty() { return overview; }
    public ObservableList<OutboxEntry> pending() { return pending; }
    public ObservableList<OutboxEntry> parked() { return parked; }
    public StringProperty cleanupReportProperty() { return cleanupReport; }
}
