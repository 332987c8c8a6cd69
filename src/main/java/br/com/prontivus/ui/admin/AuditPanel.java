package br.com.prontivus.ui.admin;

import atlantafx.base.theme.Styles;
import br.com.prontivus.clinic.AuditQuery;
import br.com.prontivus.clinic.StaffUser;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/** Audit log: the filters, the entries, and "export CSV" through a save dialog. */
final class AuditPanel implements AdminPanel {

    private final AuditViewModel vm;
    private final VBox root;
    private Function<Window, Path> chooser;

    AuditPanel(DeskContext ctx, AuditViewModel vm) {
        this.vm = vm;
        I18n i18n = ctx.i18n();
        this.chooser = window -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(i18n.t("ui.admin.audit.export_title"));
            fc.setInitialFileName("prontivus-audit-" + ctx.today() + ".csv");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File file = fc.showSaveDialog(window);
            return file == null ? null : file.toPath();
        };

        ComboBox<StaffUser> user = Forms.id(new ComboBox<>(vm.users()), "auditUserFilter");
        user.setPromptText(i18n.t("ui.admin.audit.any_user"));
        user.valueProperty().bindBidirectional(vm.userProperty());
        user.setConverter(new StringConverter<>() {
            @Override
            public String toString(StaffUser u) {
                return u == null ? i18n.t("ui.admin.audit.any_user") : u.login();
            }

            @Override
            public StaffUser fromString(String s) {
                return null;
            }
        });
        TextField patient = Forms.id(new TextField(), "auditPatientFilter");
        patient.setPromptText(i18n.t("ui.admin.audit.patient"));
        patient.textProperty().bindBidirectional(vm.patientProperty());
        patient.setPrefWidth(200);
        ComboBox<String> action = Forms.id(new ComboBox<>(vm.actions()), "auditActionFilter");
        action.setEditable(true);
        action.setPromptText(i18n.t("ui.admin.audit.action"));
        action.valueProperty().bindBidirectional(vm.actionProperty());
        DatePicker from = Forms.id(new DatePicker(), "auditFrom");
        from.setPromptText(i18n.t("ui.admin.from"));
        from.valueProperty().bindBidirectional(vm.fromProperty());
        from.setPrefWidth(140);
        DatePicker to = Forms.id(new DatePicker(), "auditTo");
        to.setPromptText(i18n.t("ui.admin.to"));
        to.valueProperty().bindBidirectional(vm.toProperty());
        to.setPrefWidth(140);
        Button search = PanelParts.button("auditSearchButton", i18n.t("ui.admin.audit.search"), MaterialDesignM.MAGNIFY);
        search.getStyleClass().add(Styles.ACCENT);
        search.setDefaultButton(true);
        search.setOnAction(e -> vm.search());
        Button clear = PanelParts.button("auditClearButton", i18n.t("ui.admin.audit.clear"),
                MaterialDesignF.FILTER_REMOVE_OUTLINE);
        clear.setOnAction(e -> vm.clearFilters());
        patient.setOnAction(e -> vm.search());
        user.valueProperty().addListener((o, a, b) -> vm.search());
        from.valueProperty().addListener((o, a, b) -> vm.search());
        to.valueProperty().addListener((o, a, b) -> vm.search());
        FlowPane filters = new FlowPane(8, 8, user, patient, action, from, to, search, clear);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<AuditQuery.Entry> table = Forms.id(new TableView<>(vm.entries()), "auditTable");
        table.setPlaceholder(new Label(i18n.t("ui.admin.audit.empty")));
        table.getColumns().setAll(List.of(
                PanelParts.column(i18n.t("ui.admin.audit.when"), 140,
                        e -> i18n.dateTime(e.occurredAt().atZone(ctx.zone()))),
                PanelParts.column(i18n.t("ui.admin.audit.user"), 100,
                        e -> e.userLogin() == null ? "" : e.userLogin()),
                PanelParts.column(i18n.t("ui.admin.audit.action_col"), 150, AuditQuery.Entry::action),
                PanelParts.column(i18n.t("ui.admin.audit.summary"), 620, AuditQuery.Entry::summary)));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label count = Forms.id(new Label(), "auditCount");
        count.textProperty().bind(vm.summaryProperty());
        count.getStyleClass().add(Styles.TEXT_MUTED);
        Button export = PanelParts.button("auditExportButton", i18n.t("ui.admin.audit.export"),
                MaterialDesignF.FILE_DELIMITED);
        export.disableProperty().bind(Bindings.isEmpty(vm.entries()).or(vm.busyProperty()));
        export.setOnAction(e -> vm.export(chooser.apply(export.getScene().getWindow())));
        HBox bottom = new HBox(12, count, PanelParts.spacer(), export);
        bottom.setAlignment(Pos.CENTER_LEFT);
        root = PanelParts.page(filters, table, bottom, PanelParts.progress(vm, "auditProgress"),
                PanelParts.message(vm, "auditMessage"));
        root.setId("auditPanel");
    }

    /** Replaces the save dialog (tests: a file in a temporary folder). */
    void chooser(Function<Window, Path> replacement) {
        this.chooser = replacement;
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
