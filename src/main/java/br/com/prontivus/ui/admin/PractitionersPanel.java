package br.com.prontivus.ui.admin;

import atlantafx.base.theme.Styles;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/** Practitioners: the list and the "new practitioner" form. */
final class PractitionersPanel implements AdminPanel {

    private final PractitionersViewModel vm;
    private final VBox root;

    PractitionersPanel(DeskContext ctx, PractitionersViewModel vm) {
        this.vm = vm;
        I18n i18n = ctx.i18n();
        TableView<Practitioner> table = Forms.id(new TableView<>(vm.practitioners()), "practitionerTable");
        table.getColumns().setAll(List.of(
                PanelParts.column(i18n.t("ui.admin.practitioners.name"), 240, Practitioner::fullName),
                PanelParts.column(i18n.t("ui.admin.practitioners.specialty"), 160,
                        p -> p.specialty() == null ? "" : p.specialty()),
                PanelParts.column(i18n.t("ui.admin.practitioners.council"), 140,
                        p -> p.councilRegistration() == null ? "" : p.councilRegistration())));
        table.setPlaceholder(new Label(i18n.t("ui.admin.practitioners.none")));

        Label addTitle = new Label(i18n.t("ui.admin.practitioners.add_title"));
        addTitle.getStyleClass().add(Styles.TITLE_4);
        TextField name = Forms.id(new TextField(), "newPractitionerNameField");
        name.textProperty().bindBidirectional(vm.fullNameProperty());
        TextField specialty = Forms.id(new TextField(), "newPractitionerSpecialtyField");
        specialty.textProperty().bindBidirectional(vm.specialtyProperty());
        TextField council = Forms.id(new TextField(), "newPractitionerCouncilField");
        council.textProperty().bindBidirectional(vm.councilProperty());
        council.setPromptText("CRM-SP 123456");
        Button add = PanelParts.button("addPractitionerButton", i18n.t("ui.admin.practitioners.add"),
                MaterialDesignA.ACCOUNT_PLUS);
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(vm.busyProperty());
        add.setOnAction(e -> vm.add());
        for (TextField field : List.of(name, specialty, council)) {
            field.setOnAction(e -> vm.add());
        }
        VBox addBox = new VBox(8, addTitle,
                Forms.field(i18n.t("ui.admin.practitioners.name_field"), name, vm.fullNameErrorProperty()),
                Forms.field(i18n.t("ui.admin.practitioners.specialty_field"), specialty, null),
                Forms.field(i18n.t("ui.admin.practitioners.council_field"), council, null),
                add);
        addBox.getStyleClass().add("admin-detail");
        addBox.setMinWidth(320);

        SplitPane split = new SplitPane(table, addBox);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = PanelParts.page(split, PanelParts.progress(vm, "practitionerProgress"),
                PanelParts.message(vm, "practitionerMessage"));
        root.setId("practitionersPanel");
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
