package br.com.prontivus.ui.patients;

import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientService;
import br.com.prontivus.ui.Background;
import br.com.prontivus.ui.I18n;
import java.time.Duration;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Search as you type. A keystroke starts the query on a worker thread at once when none is running;
 * keystrokes that arrive while one runs are folded into a single follow-up query with the latest text,
 * started as soon as the running one returns. So results follow typing as fast as the database answers
 * (no fixed pause to wait out), and a fast typist never queues a query per key. An optional pause
 * ({@link br.com.prontivus.ui.DesktopOptions#searchDebounce()}) can still delay the start.
 */
public final class PatientSearchViewModel {

    public static final int LIMIT = 200;
    private final PatientService patients;
    private final Background background;
    private final I18n i18n;
    private final PauseTransition debounce;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<Patient> results = FXCollections.observableArrayList();
    private final ObjectProperty<Patient> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty searching = new SimpleBooleanProperty(this, "searching");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private boolean running;   // a query is on a worker thread
    private boolean followUp;  // the text changed (or F5) while it ran

    public PatientSearchViewModel(PatientService patients, Background background, I18n i18n, Duration debounceDelay) {
        this.patients = patients;
        this.background = background;
        this.i18n = i18n;
        this.debounce = new PauseTransition(javafx.util.Duration.millis(debounceDelay.toMillis()));
        debounce.setOnFinished(e -> search());
        query.addListener((obs, old, text) -> {
            if (debounceDelay.isZero()) {
                search();
            } else {
                debounce.playFromStart();
            }
        });
    }

    /** Runs the current query now (each keystroke, F5, after a registration), or right after the running one. */
    public void search() {
        debounce.stop();
        if (running) {
            followUp = true;
            return;
        }
        running = true;
        followUp = false;
        String text = query.get() == null ? "" : query.get().strip();
        searching.set(true);
        background.run(() -> text.isEmpty() ? patients.list(LIMIT, 0) : patients.search(text, LIMIT),
                found -> {
                    show(found, text); // a step towards the latest text is still worth showing
                    finished();
                },
                failure -> {
                    summary.set(i18n.error(failure));
                    finished();
                });
    }

    private void finished() {
        running = false;
        if (followUp) {
            search();
        } else {
            searching.set(false);
        }
    }

    private void show(List<Patient> found, String text) {
        Patient keep = selected.get();
        results.setAll(found);
        if (found.isEmpty()) {
            summary.set(text.isEmpty() ? i18n.t("ui.patients.none_yet") : i18n.t("ui.patients.not_found", text));
        } else {
            summary.set(i18n.t("ui.patients.count", found.size()));
        }
        if (keep != null) {
            found.stream().filter(p -> p.id().equals(keep.id())).findFirst().ifPresent(selected::set);
        }
    }

    public StringProperty queryProperty() { return query; }
    public ObservableList<Patient> results() { return results; }
    public ObjectProperty<Patient> selectedProperty() { return selected; }
    public BooleanProperty searchingProperty() { return searching; }
    public StringProperty summaryProperty() { return summary; }
}
