package br.com.prontivus.ui.patients;

import atlantafx.base.theme.Styles;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Formats;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import br.com.prontivus.ui.MaskedText;
import br.com.prontivus.ui.shell.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** Patients: search as you type on the left, the selected patient or the registration form on the right. */
public final class PatientsPage implements Page {

    private final I18n i18n;
    private final PatientSearchViewModel search;
    private final PatientFormViewModel form;
    private final PatientDetailViewModel detail;
    private final BorderPane root = new BorderPane();
    private final TextField searchField = new TextField();
    private final TableView<Patient> table = new TableView<>();
    private final VBox detailPane;
    private final ScrollPane formPane;
    private final TextField fullName = new TextField();
    private final Label formTitle = new Label();

    public PatientsPage(DeskContext ctx, Consumer<Patient> bookFor) {
        this.i18n = ctx.i18n();
        this.search = new PatientSearchViewModel(ctx.services().patients(), ctx.background(), i18n,
                ctx.options().searchDebounce());
        this.detail = new PatientDetailViewModel(ctx.services(), ctx.background(), i18n, ctx.clock(), ctx.zone());
        this.form = new PatientFormViewModel(ctx.services().patients(), ctx.background(), i18n,
                () -> ctx.session().actor(), ctx::today, this::saved,
                ctx.changes()::written);
        root.setId("patientsPage");

        Label title = new Label(i18n.t("ui.patients.title"));
        title.getStyleClass().add("page-title");
        searchField.setId("patientSearchField");
        searchField.setPromptText(i18n.t("ui.patients.search_prompt"));
        searchField.textProperty().bindBidirectional(search.queryProperty());
        searchField.setOnKeyPressed(e -> {
            if ((e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) && !table.getItems().isEmpty()) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
                e.consume();
            }
        });
        HBox.setHgrow(searchField, Priority.ALWAYS);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(search.searchingProperty());
        Button newPatient = Forms.id(new Button(i18n.t("ui.patients.new")), "newPatientButton");
        newPatient.setGraphic(Forms.icon(MaterialDesignA.ACCOUNT_PLUS));
        newPatient.setMnemonicParsing(false);
        newPatient.setOnAction(e -> newPatient());
        HBox searchBar = new HBox(8, searchField, spinner, newPatient);
        searchBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        buildTable();
        Label summary = Forms.id(new Label(), "patientSummary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(search.summaryProperty());
        VBox left = new VBox(12, title, searchBar, table, summary);
        VBox.setVgrow(table, Priority.ALWAYS);
        left.getStyleClass().add("page");

        detailPane = buildDetail(bookFor);
        formPane = buildForm();
        StackPane side = new StackPane(detailPane, formPane);
        side.setPrefWidth(460);
        side.setMinWidth(400);
        showSide(null);
        root.setCenter(left);
        root.setRight(side);

        search.selectedProperty().addListener((obs, o, p) -> {
            detail.patientProperty().set(p);
            if (p != null && !formPane.isVisible()) {
                showSide(detailPane);
            }
        });
    }

    private void buildTable() {
        table.setId("patientTable");
        table.setItems(search.results());
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setFixedCellSize(30); // rows of one height: the virtual flow lays out far less per pulse
        table.setPlaceholder(new Label(i18n.t("ui.patients.empty_table")));
        TableColumn<Patient, String> name = column(i18n.t("ui.patients.col.name"), Patient::displayName, 230);
        TableColumn<Patient, String> cpf = column(i18n.t("ui.patients.col.cpf"), p -> Formats.cpf(p.cpf()), 130);
        TableColumn<Patient, String> birth = column(i18n.t("ui.patients.col.birth"), p -> i18n.inputDate(p.birthDate()), 110);
        TableColumn<Patient, String> phone = column(i18n.t("ui.patients.col.phone"), p -> Formats.phone(p.phone()), 140);
        table.getColumns().setAll(List.of(name, cpf, birth, phone));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, p) -> {
            if (p != null) {
                search.selectedProperty().set(p);
            }
        });
        search.selectedProperty().addListener((obs, o, p) -> {
            if (p != null && table.getSelectionModel().getSelectedItem() != p) {
                table.getSelectionModel().select(p);
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && search.selectedProperty().get() != null) {
                edit(search.selectedProperty().get());
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.E && search.selectedProperty().get() != null) {
                edit(search.selectedProperty().get());
                e.consume();
            }
        });
    }

    private static TableColumn<Patient, String> column(String title, java.util.function.Function<Patient, String> f,
                                                       double width) {
        TableColumn<Patient, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private VBox buildDetail(Consumer<Patient> bookFor) {
        Label name = Forms.id(new Label(), "detailName");
        name.getStyleClass().add(Styles.TITLE_3);
        name.setWrapText(true);
        name.textProperty().bind(Bindings.createStringBinding(() -> detail.patientProperty().get() == null ? ""
                : detail.patientProperty().get().fullName(), detail.patientProperty()));
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        detail.patientProperty().addListener((obs, o, p) -> {
            facts.getChildren().clear();
            if (p == null) {
                return;
            }
            int row = 0;
            row = fact(facts, row, "ui.patient.social_name", p.socialName());
            row = fact(facts, row, "ui.patients.col.cpf", Formats.cpf(p.cpf()));
            row = fact(facts, row, "ui.patients.col.birth", i18n.date(p.birthDate()));
            row = fact(facts, row, "ui.patients.col.phone", Formats.phone(p.phone()));
            row = fact(facts, row, "ui.patient.email_plain", p.email());
            fact(facts, row, "ui.patient.address_plain", p.address());
        });
        Button edit = Forms.id(new Button(i18n.t("ui.patient.edit")), "editPatientButton");
        edit.setGraphic(Forms.icon(MaterialDesignP.PENCIL));
        edit.setMnemonicParsing(false);
        edit.setOnAction(e -> edit(detail.patientProperty().get()));
        Button book = Forms.id(new Button(i18n.t("ui.patient.book")), "bookForPatientButton");
        book.setGraphic(Forms.icon(MaterialDesignC.CALENDAR_PLUS));
        book.setMnemonicParsing(false);
        book.setOnAction(e -> bookFor.accept(detail.patientProperty().get()));
        HBox actions = new HBox(8, edit, book);

        Label upcomingTitle = new Label(i18n.t("ui.patient.upcoming"));
        upcomingTitle.getStyleClass().add("section-title");
        ListView<String> upcoming = Forms.id(new ListView<>(detail.upcoming()), "upcomingList");
        upcoming.setPlaceholder(new Label(i18n.t("ui.patient.no_upcoming")));
        upcoming.setPrefHeight(150);
        upcoming.setCellFactory(PatientsPage::wrappingCell);
        Label pastTitle = new Label(i18n.t("ui.patient.past"));
        pastTitle.getStyleClass().add("section-title");
        ListView<String> past = Forms.id(new ListView<>(detail.past()), "pastList");
        past.setPlaceholder(new Label(i18n.t("ui.patient.no_past")));
        past.setPrefHeight(150);
        past.setCellFactory(PatientsPage::wrappingCell);
        VBox box = new VBox(10, name, facts, actions, upcomingTitle, upcoming, pastTitle, past);
        VBox.setVgrow(past, Priority.ALWAYS);
        box.getStyleClass().add("side-panel");
        box.setId("patientDetail");
        return box;
    }

    private static javafx.scene.control.ListCell<String> wrappingCell(ListView<String> list) {
        javafx.scene.control.ListCell<String> cell = new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        cell.setWrapText(true);
        cell.prefWidthProperty().bind(list.widthProperty().subtract(20));
        cell.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return cell;
    }

    private int fact(GridPane grid, int row, String key, String value) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label k = new Label(i18n.t(key));
        k.getStyleClass().add(Styles.TEXT_MUTED);
        Label v = new Label(value);
        v.setWrapText(true);
        grid.addRow(row, k, v);
        return row + 1;
    }

    private ScrollPane buildForm() {
        formTitle.getStyleClass().add(Styles.TITLE_3);
        fullName.setId("fullNameField");
        fullName.textProperty().bindBidirectional(form.value("full_name"));
        TextField social = text("socialNameField", "social_name");
        TextField cpf = Forms.id(new TextField(), "cpfField");
        MaskedText.cpf(cpf);
        cpf.setPromptText("000.000.000-00");
        cpf.textProperty().bindBidirectional(form.value("cpf"));
        TextField birth = Forms.id(new TextField(), "birthDateField");
        MaskedText.date(birth);
        birth.setPromptText(i18n.inputDatePattern());
        birth.textProperty().bindBidirectional(form.value("birth_date"));
        ComboBox<String> sex = Forms.id(new ComboBox<>(), "sexField");
        List<String> sexes = new ArrayList<>();
        sexes.add("");
        sexes.addAll(List.of("female", "male", "intersex", "unknown"));
        sex.getItems().setAll(sexes);
        sex.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                return code == null || code.isEmpty() ? i18n.t("ui.sex.none") : i18n.t("ui.sex." + code);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        sex.valueProperty().bindBidirectional(form.value("sex"));
        TextField phone = text("phoneField", "phone");
        phone.setPromptText("(11) 98765-4321");
        TextField email = text("emailField", "email");
        TextField address = text("addressField", "address");
        TextArea notes = Forms.id(new TextArea(), "notesField");
        notes.setPrefRowCount(2);
        notes.setWrapText(true);
        notes.textProperty().bindBidirectional(form.value("notes"));

        GridPane pair1 = pair(Forms.field(i18n.t("ui.patient.cpf"), cpf, form.error("cpf")),
                Forms.field(i18n.t("ui.patient.birth_date", i18n.inputDatePattern()), birth, form.error("birth_date")));
        GridPane pair2 = pair(Forms.field(i18n.t("ui.patient.sex"), sex, form.error("sex")),
                Forms.field(i18n.t("ui.patient.phone"), phone, form.error("phone")));

        VBox duplicatesBox = buildDuplicates();
        Label message = Forms.id(new Label(), "patientFormMessage");
        message.setWrapText(true);
        message.textProperty().bind(form.messageProperty());
        Button save = Forms.id(new Button(), "savePatientButton");
        save.textProperty().bind(Bindings.when(form.duplicatesAcknowledgedProperty())
                .then(i18n.t("ui.patient.save_anyway")).otherwise(i18n.t("ui.patient.save")));
        save.setMnemonicParsing(false);
        save.setGraphic(Forms.icon(MaterialDesignC.CONTENT_SAVE));
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.disableProperty().bind(form.busyProperty());
        save.setOnAction(e -> form.save());
        Button cancel = Forms.id(new Button(i18n.t("ui.patient.cancel")), "cancelPatientButton");
        cancel.setMnemonicParsing(false);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> closeForm());
        HBox buttons = new HBox(8, save, cancel);

        VBox box = new VBox(8, formTitle,
                Forms.field(i18n.t("ui.patient.full_name"), fullName, form.error("full_name")),
                Forms.field(i18n.t("ui.patient.social_name_field"), social, form.error("social_name")),
                pair1, pair2,
                Forms.field(i18n.t("ui.patient.email"), email, form.error("email")),
                Forms.field(i18n.t("ui.patient.address"), address, form.error("address")),
                Forms.field(i18n.t("ui.patient.notes"), notes, form.error("notes")),
                duplicatesBox, buttons, message);
        box.getStyleClass().add("side-panel");
        box.setId("patientForm");
        box.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)) {
                form.save();
                e.consume();
            }
        });
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private VBox buildDuplicates() {
        Label title = new Label(i18n.t("ui.patient.duplicates_title"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setGraphic(Forms.icon(MaterialDesignA.ALERT));
        ListView<Patient> list = new ListView<>(form.duplicates());
        list.setPrefHeight(80);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Patient p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.fullName() + " — " + Formats.cpf(p.cpf()) + " — "
                        + i18n.date(p.birthDate()));
            }
        });
        VBox box = new VBox(6, title, list);
        box.setId("duplicateWarning");
        box.getStyleClass().add("warning-box");
        box.visibleProperty().bind(Bindings.isNotEmpty(form.duplicates()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private TextField text(String id, String field) {
        TextField t = Forms.id(new TextField(), id);
        t.textProperty().bindBidirectional(form.value(field));
        return t;
    }

    private static GridPane pair(javafx.scene.Node a, javafx.scene.Node b) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        grid.addRow(0, a, b);
        grid.setPadding(Insets.EMPTY);
        return grid;
    }

    private void showSide(javafx.scene.Node which) {
        detailPane.setVisible(which == detailPane);
        formPane.setVisible(which == formPane);
    }

    public void newPatient() {
        form.startNew();
        formTitle.setText(i18n.t("ui.patient.new_title"));
        showSide(formPane);
        Platform.runLater(fullName::requestFocus);
    }

    private void edit(Patient patient) {
        if (patient == null) {
            return;
        }
        form.edit(patient);
        formTitle.setText(i18n.t("ui.patient.edit_title"));
        showSide(formPane);
        Platform.runLater(fullName::requestFocus);
    }

    private void closeForm() {
        showSide(search.selectedProperty().get() == null ? null : detailPane);
        table.requestFocus();
    }

    private void saved(Patient patient) {
        search.selectedProperty().set(patient);
        detail.patientProperty().set(null);
        detail.patientProperty().set(patient);
        showSide(detailPane);
        search.search();
    }

    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void activated() {
        search.search();
        Platform.runLater(this::focusSearch);
    }

    @Override
    public void refresh() {
        search.search();
        detail.reload();
    }

    /** For tests and the form's own use. */
    public PatientFormViewModel form() {
        return form;
    }

    public PatientSearchViewModel search() {
        return search;
    }

}
