package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.clinic.AuditQuery;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.StaffUser;
import br.com.prontivus.ui.DeskContext;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit log: filter by staff user, patient (name or CPF, as the patient search understands
 * them), action (exact or a family such as {@code patient}) and dates; export what is shown as CSV.
 */
public final class AuditViewModel extends PanelModel {

    /** Patients a patient filter may match at most. */
    static final int PATIENT_MATCHES = 50;

    private final ObservableList<StaffUser> users = FXCollections.observableArrayList();
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    private final ObjectProperty<StaffUser> user = new SimpleObjectProperty<>(this, "user");
    private final StringProperty patient = new SimpleStringProperty(this, "patient", "");
    private final StringProperty action = new SimpleStringProperty(this, "action", "");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
    private final ObservableList<AuditQuery.Entry> entries = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private long sequence;

    public AuditViewModel(DeskContext ctx, Administration admin) {
        super(ctx, admin);
    }

    /** Re-reads the choices (users, actions) and applies the filter. */
    @Override
    public void reload() {
        record Choices(List<StaffUser> users, List<String> actions) {
        }
        work(i18n.t("ui.admin.loading"), () -> new Choices(admin.users(actor()), admin.auditActions(actor())), c -> {
            StaffUser keep = user.get();
            users.setAll(c.users());
            user.set(keep == null ? null : c.users().stream().filter(u -> u.id().equals(keep.id())).findFirst()
                    .orElse(null));
            actions.setAll(c.actions());
            search();
        });
    }

    public void search() {
        long mine = ++sequence;
        UUID userId = user.get() == null ? null : user.get().id();
        String patientText = patient.get().strip();
        String actionText = action.get() == null ? "" : action.get().strip();
        Instant start = from.get() == null ? null : from.get().atStartOfDay(ctx.zone()).toInstant();
        Instant end = to.get() == null ? null : to.get().plusDays(1).atStartOfDay(ctx.zone()).toInstant();
        work(i18n.t("ui.admin.audit.searching"), () -> {
            List<UUID> patientIds = null;
            if (!patientText.isEmpty()) {
                patientIds = new ArrayList<>(ctx.services().patients().search(patientText, PATIENT_MATCHES).stream()
                        .map(Patient::id).toList());
                if (patientIds.isEmpty()) {
                    return List.<AuditQuery.Entry>of(); // no such patient: nothing about them
                }
            }
            return admin.audit(actor(), new AuditQuery.Filter(userId, patientIds, actionText, start, end));
        }, list -> {
            if (mine != sequence) {
                return;
            }
            entries.setAll(list);
            summary.set(i18n.t(list.size() >= Administration.LIST_LIMIT ? "ui.admin.audit.count_limited"
                    : "ui.admin.audit.count", list.size()));
        });
    }

    /** Writes the entries shown to {@code file} (on the background executor). */
    public void export(Path file) {
        if (file == null) {
            return;
        }
        List<AuditQuery.Entry> rows = List.copyOf(entries);
        String filter = describeFilter();
        work(i18n.t("ui.admin.audit.exporting"), () -> {
            admin.exportAudit(actor(), rows, file, filter);
            return file;
        }, written -> {
            info(i18n.t("ui.admin.audit.exported", rows.size(), written.toString()));
            ctx.changes().written();
        });
    }

    private String describeFilter() {
        List<String> parts = new ArrayList<>();
        if (user.get() != null) {
            parts.add("user=" + user.get().login());
        }
        if (!patient.get().isBlank()) {
            parts.add("patient~" + patient.get().strip());
        }
        if (action.get() != null && !action.get().isBlank()) {
            parts.add("action=" + action.get().strip());
        }
        if (from.get() != null) {
            parts.add("from=" + from.get());
        }
        if (to.get() != null) {
            parts.add("to=" + to.get());
        }
        return parts.isEmpty() ? "no filter" : String.join(", ", parts);
    }

    public void clearFilters() {
        user.set(null);
        patient.set("");
        action.set("");
        from.set(null);
        to.set(null);
        search();
    }

    public ObservableList<StaffUser> users() { return users; }
    public ObservableList<String> actions() { return actions; }
    public ObjectProperty<StaffUser> userProperty() { return user; }
    public StringProperty patientProperty() { return patient; }
    public StringProperty actionProperty() { return action; }
    public ObjectProperty<LocalDate> fromProperty() { return from; }
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public ObservableList<AuditQuery.Entry> entries() { return entries; }
    public StringProperty summaryProperty() { return summary; }
}
