package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.ui.DeskContext;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The clinic's practitioners as the administrator sees them: the list, and a form to add one (name,
 * specialty, council registration such as CRM). A new practitioner is a new column of the schedule.
 */
public final class PractitionersViewModel extends PanelModel {

    private final ObservableList<Practitioner> practitioners = FXCollections.observableArrayList();
    private final StringProperty fullName = new SimpleStringProperty(this, "fullName", "");
    private final StringProperty specialty = new SimpleStringProperty(this, "specialty", "");
    private final StringProperty council = new SimpleStringProperty(this, "council", "");
    private final StringProperty fullNameError = new SimpleStringProperty(this, "fullNameError", "");
    private long sequence;

    public PractitionersViewModel(DeskContext ctx, Administration admin) {
        super(ctx, admin);
    }

    @Override
    public void reload() {
        long mine = ++sequence;
        work(i18n.t("ui.admin.loading"), () -> admin.practitioners(actor()), list -> {
            if (mine == sequence) {
                practitioners.setAll(list);
            }
        });
    }

    public void add() {
        String name = fullName.get().strip();
        fullNameError.set(name.isEmpty() ? i18n.t("ui.admin.users.required") : "");
        if (name.isEmpty()) {
            return;
        }
        String spec = specialty.get();
        String reg = council.get();
        work(i18n.t("ui.admin.users.saving"), () -> admin.addPractitioner(actor(), name, spec, reg), added -> {
            fullName.set("");
            specialty.set("");
            council.set("");
            info(i18n.t("ui.admin.practitioners.added", added.fullName()));
            ctx.changes().written();
            reload();
        });
    }

    public ObservableList<Practitioner> practitioners() { return practitioners; }
    public StringProperty fullNameProperty() { return fullName; }
    public StringProperty specialtyProperty() { return specialty; }
    public StringProperty councilProperty() { return council; }
    public StringProperty fullNameErrorProperty() { return fullNameError; }
}
