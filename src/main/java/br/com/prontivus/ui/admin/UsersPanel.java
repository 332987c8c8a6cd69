package br.com.prontivus.ui.admin;

import atlantafx.base.theme.Styles;
import br.com.prontivus.clinic.StaffRole;
import br.com.prontivus.clinic.StaffUser;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/** Users and roles: the staff list, the "new user" form, and reset / deactivate for the selected one. */
final class UsersPanel implements AdminPanel {

    private final UsersViewModel vm;
    private final VBox root;

    UsersPanel(DeskContext ctx, UsersViewModel vm) {
        this.vm = vm;
        I18n i18n = ctx.i18n();
        TableView<StaffUser> table = Forms.id(new TableView<>(vm.users()), "userTable");
        table.getColumns().setAll(List.of(
                PanelParts.column(i18n.t("ui.admin.users.login"), 130, StaffUser::login),
                PanelParts.column(i18n.t("ui.admin.users.name"), 220, StaffUser::fullName),
                PanelParts.column(i18n.t("ui.admin.users.role"), 120, u -> i18n.t("ui.role." + u.role().dbValue())),
                PanelParts.column(i18n.t("ui.admin.users.state"), 90, u -> i18n.t(u.active()
                        ? "ui.admin.users.active" : "ui.admin.users.inactive"))));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, u) -> vm.selectedProperty().set(u));
        vm.selectedProperty().addListener((obs, o, u) -> {
            if (u != null && table.getSelectionModel().getSelectedItem() != u) {
                table.getSelectionModel().select(u);
            }
        });

        // The selected user: reset the password, deactivate or reactivate.
        Label selectedTitle = Forms.id(new Label(), "selectedUser");
        selectedTitle.getStyleClass().add(Styles.TITLE_4);
        selectedTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? i18n.t("ui.admin.users.pick") : vm.selectedProperty().get().fullName() + " ("
                + vm.selectedProperty().get().login() + ")", vm.selectedProperty()));
        PasswordField newPassword = Forms.id(new PasswordField(), "newPasswordField");
        newPassword.textProperty().bindBidirectional(vm.newPasswordProperty());
        var noneSelected = vm.selectedProperty().isNull().or(vm.busyProperty());
        newPassword.disableProperty().bind(noneSelected);
        Button reset = PanelParts.button("resetPasswordButton", i18n.t("ui.admin.users.reset"),
                MaterialDesignL.LOCK_RESET);
        reset.disableProperty().bind(noneSelected);
        reset.setOnAction(e -> vm.resetPassword());
        newPassword.setOnAction(e -> vm.resetPassword());
        Button toggle = PanelParts.button("toggleActiveButton", "", MaterialDesignA.ACCOUNT_CANCEL);
        toggle.textProperty().bind(Bindings.createStringBinding(() -> i18n.t(vm.selectedProperty().get() != null
                && !vm.selectedProperty().get().active() ? "ui.admin.users.reactivate" : "ui.admin.users.deactivate"),
                vm.selectedProperty()));
        toggle.disableProperty().bind(noneSelected.or(Bindings.createBooleanBinding(() ->
                vm.selectedProperty().get() != null
                        && vm.selectedProperty().get().login().equals(ctx.session().user().login()),
                vm.selectedProperty())));
        toggle.setOnAction(e -> vm.toggleActive());
        VBox selectedBox = new VBox(8, selectedTitle,
                Forms.field(i18n.t("ui.admin.users.new_password"), newPassword, vm.newPasswordErrorProperty()),
                reset, toggle);
        selectedBox.getStyleClass().add("admin-detail");

        // New user.
        Label addTitle = new Label(i18n.t("ui.admin.users.add_title"));
        addTitle.getStyleClass().add(Styles.TITLE_4);
        TextField login = Forms.id(new TextField(), "newLoginField");
        login.textProperty().bindBidirectional(vm.loginProperty());
        TextField name = Forms.id(new TextField(), "newNameField");
        name.textProperty().bindBidirectional(vm.fullNameProperty());
        ComboBox<StaffRole> role = Forms.id(new ComboBox<>(), "newRoleField");
        role.getItems().setAll(StaffRole.values());
        role.valueProperty().bindBidirectional(vm.roleProperty());
        role.setConverter(new StringConverter<>() {
            @Override
            public String toString(StaffRole r) {
                return r == null ? "" : i18n.t("ui.role." + r.dbValue());
            }

            @Override
            public StaffRole fromString(String s) {
                return null;
            }
        });
        PasswordField password = Forms.id(new PasswordField(), "newUserPasswordField");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        Button add = PanelParts.button("addUserButton", i18n.t("ui.admin.users.add"), MaterialDesignA.ACCOUNT_PLUS);
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(vm.busyProperty());
        add.setOnAction(e -> vm.add());
        password.setOnAction(e -> vm.add());
        VBox addBox = new VBox(8, addTitle,
                Forms.field(i18n.t("ui.admin.users.login_field"), login, vm.loginErrorProperty()),
                Forms.field(i18n.t("ui.admin.users.name_field"), name, vm.fullNameErrorProperty()),
                Forms.field(i18n.t("ui.admin.users.role_field"), role, null),
                Forms.field(i18n.t("ui.admin.users.password_field"), password, vm.passwordErrorProperty()),
                add);
        addBox.getStyleClass().add("admin-detail");

        VBox side = new VBox(16, selectedBox, addBox);
        side.setMinWidth(320);
        SplitPane split = new SplitPane(table, side);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = PanelParts.page(split, PanelParts.progress(vm, "userProgress"), PanelParts.message(vm, "userMessage"));
        root.setId("usersPanel");
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
