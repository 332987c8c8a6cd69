package br.com.prontivus.ui.login;

import atlantafx.base.theme.Styles;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/** The first-run card: name the clinic and create its first administrator. */
public final class FirstRunView {

    private final StackPane root;

    public FirstRunView(I18n i18n, FirstRunViewModel vm) {
        Label title = new Label(i18n.t("ui.firstrun.title"));
        title.getStyleClass().add(Styles.TITLE_2);
        Label intro = new Label(i18n.t("ui.firstrun.intro"));
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);

        TextField clinic = Forms.id(new TextField(), "clinicNameField");
        clinic.textProperty().bindBidirectional(vm.clinicNameProperty());
        TextField login = Forms.id(new TextField(), "adminLoginField");
        login.textProperty().bindBidirectional(vm.loginProperty());
        TextField name = Forms.id(new TextField(), "adminNameField");
        name.textProperty().bindBidirectional(vm.fullNameProperty());
        PasswordField password = Forms.id(new PasswordField(), "adminPasswordField");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        PasswordField confirm = Forms.id(new PasswordField(), "adminConfirmField");
        confirm.textProperty().bindBidirectional(vm.confirmProperty());

        Label message = Forms.id(new Label(), "firstRunMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());

        Button create = Forms.id(new Button(i18n.t("ui.firstrun.create")), "createClinicButton");
        create.setGraphic(Forms.icon(MaterialDesignH.HOSPITAL_BUILDING));
        create.getStyleClass().add(Styles.ACCENT);
        create.setDefaultButton(true);
        create.disableProperty().bind(vm.busyProperty());
        create.setOnAction(e -> vm.submit());

        VBox card = new VBox(10, title, intro,
                Forms.field(i18n.t("ui.firstrun.clinic"), clinic, vm.clinicNameErrorProperty()),
                Forms.field(i18n.t("ui.firstrun.admin_name"), name, vm.fullNameErrorProperty()),
                Forms.field(i18n.t("ui.firstrun.admin_login"), login, vm.loginErrorProperty()),
                Forms.field(i18n.t("ui.firstrun.password"), password, vm.passwordErrorProperty()),
                Forms.field(i18n.t("ui.firstrun.confirm"), confirm, vm.confirmErrorProperty()),
                create, message);
        card.getStyleClass().add("card");
        card.setMaxWidth(460);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        root = new StackPane(card);
        root.getStyleClass().add("login-pane");
        root.setId("firstRunView");
        Platform.runLater(clinic::requestFocus);
    }

    public Parent root() {
        return root;
    }
}
