package br.com.prontivus.ui.login;

import atlantafx.base.theme.Styles;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/** The login card. All state lives in {@link LoginViewModel}. */
public final class LoginView {

    private final StackPane root;
    private final Label clinic;
    private final TextField login;

    public LoginView(I18n i18n, LoginViewModel vm, String clinicName) {
        Label title = new Label("Prontivus");
        title.getStyleClass().add("app-title");
        clinic = new Label(clinicName == null ? "" : clinicName);
        clinic.setId("loginClinicName");
        clinic.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label(i18n.t("ui.login.subtitle"));
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        login = Forms.id(new TextField(), "loginField");
        login.textProperty().bindBidirectional(vm.loginProperty());
        PasswordField password = Forms.id(new PasswordField(), "passwordField");
        password.textProperty().bindBidirectional(vm.passwordProperty());

        Label message = Forms.id(new Label(), "loginMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.errorProperty().addListener((obs, o, err) -> {
            message.getStyleClass().remove("form-message-error");
            if (err) {
                message.getStyleClass().add("form-message-error");
            }
        });

        Button enter = Forms.id(new Button(i18n.t("ui.login.submit")), "loginButton");
        enter.setGraphic(Forms.icon(MaterialDesignL.LOGIN));
        enter.getStyleClass().add(Styles.ACCENT);
        enter.setDefaultButton(true);
        enter.setMaxWidth(Double.MAX_VALUE);
        enter.disableProperty().bind(vm.canSubmitProperty().not());
        enter.setOnAction(e -> vm.submit());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.busyProperty());

        VBox card = new VBox(12, title, clinic, subtitle,
                Forms.field(i18n.t("ui.login.login"), login, null),
                Forms.field(i18n.t("ui.login.password"), password, null),
                enter, message, spinner);
        card.getStyleClass().add("card");
        card.setMaxWidth(380);
        card.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        card.setAlignment(Pos.TOP_LEFT);
        root = new StackPane(card);
        root.getStyleClass().add("login-pane");
        root.setId("loginView");
        Platform.runLater(login::requestFocus);
    }

    /** The clinic's name, for a card built before the data was open. */
    public void clinicName(String name) {
        clinic.setText(name == null ? "" : name);
    }

    /** Puts the caret in the login field (a card that was disabled while the data opened lost it). */
    public void focus() {
        login.requestFocus();
    }


    public Parent root() {
        return root;
    }
}
