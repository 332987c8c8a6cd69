package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.clinic.StaffRole;
import br.com.prontivus.clinic.StaffService;
import br.com.prontivus.clinic.StaffUser;
import br.com.prontivus.ui.DeskContext;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Staff accounts: list, add (reception or admin), reset a password, deactivate and reactivate. */
public final class UsersViewModel extends PanelModel {

    private final ObservableList<StaffUser> users = FXCollections.observableArrayList();
    private final ObjectProperty<StaffUser> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty login = new SimpleStringProperty(this, "login", "");
    private final StringProperty fullName = new SimpleStringProperty(this, "fullName", "");
    private final ObjectProperty<StaffRole> role = new SimpleObjectProperty<>(this, "role", StaffRole.RECEPTION);
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty newPassword = new SimpleStringProperty(this, "newPassword", "");
    private final StringProperty loginError = new SimpleStringProperty(this, "loginError", "");
    private final StringProperty fullNameError = new SimpleStringProperty(this, "fullNameError", "");
    private final StringProperty passwordError = new SimpleStringProperty(this, "passwordError", "");
    private final StringProperty newPasswordError = new SimpleStringProperty(this, "newPasswordError", "");
    private long sequence;

    public UsersViewModel(DeskContext ctx, Administration admin) {
        super(ctx, admin);
        selected.addListener((obs, o, n) -> {
            newPassword.set("");
            newPasswordError.set("");
        });
    }

    @Override
    public void reload() {
        long mine = ++sequence;
        String keep = selected.get() == null ? null : selected.get().login();
        work(i18n.t("ui.admin.loading"), () -> admin.users(actor()), list -> {
            if (mine != sequence) {
                return;
            }
            users.setAll(list);
            selected.set(list.stream().filter(u -> u.login().equals(keep)).findFirst().orElse(null));
        });
    }

    public void add() {
        loginError.set("");
        fullNameError.set("");
        passwordError.set("");
        String l = login.get().strip();
        String n = fullName.get().strip();
        StaffRole r = role.get();
        char[] p = password.get().toCharArray();
        boolean ok = true;
        if (l.isEmpty()) {
            loginError.set(i18n.t("ui.admin.users.required"));
            ok = false;
        }
        if (n.isEmpty()) {
            fullNameError.set(i18n.t("ui.admin.users.required"));
            ok = false;
        }
        if (p.length < StaffService.MIN_PASSWORD) {
            passwordError.set(i18n.t("error.password.weak"));
            ok = false;
        }
        if (!ok) {
            StaffService.wipe(p);
            return;
        }
        work(i18n.t("ui.admin.users.saving"), () -> {
            try {
                return admin.addUser(actor(), l, n, r, p);
            } finally {
                StaffService.wipe(p);
            }
        }, user -> {
            login.set("");
            fullName.set("");
            password.set("");
            role.set(StaffRole.RECEPTION);
            info(i18n.t("ui.admin.users.added", user.login(), i18n.t("ui.role." + user.role().dbValue())));
            ctx.changes().written();
            reload();
        });
    }

    public void resetPassword() {
        StaffUser user = selected.get();
        newPasswordError.set("");
        if (user == null) {
            return;
        }
        char[] p = newPassword.get().toCharArray();
        if (p.length < StaffService.MIN_PASSWORD) {
            newPasswordError.set(i18n.t("error.password.weak"));
            StaffService.wipe(p);
            return;
        }
        work(i18n.t("ui.admin.users.saving"), () -> {
            try {
                admin.resetPassword(actor(), user.login(), p);
                return user;
            } finally {
                StaffService.wipe(p);
            }
        }, u -> {
            newPassword.set("");
            info(i18n.t("ui.admin.users.password_reset", u.login()));
            ctx.changes().written();
        });
    }

    /** Deactivates the selected user, or reactivates one already inactive. */
    public void toggleActive() {
        StaffUser user = selected.get();
        if (user == null) {
            return;
        }
        boolean activate = !user.active();
        work(i18n.t("ui.admin.users.saving"), () -> {
            admin.setActive(actor(), user.login(), activate);
            return user;
        }, u -> {
            info(i18n.t(activate ? "ui.admin.users.activated" : "ui.admin.users.deactivated", u.login()));
            ctx.changes().written();
            reload();
        });
    }

    public ObservableList<StaffUser> users() { return users; }
    public ObjectProperty<StaffUser> selectedProperty() { return selected; }
    public StringProperty loginProperty() { return login; }
    public StringProperty fullNameProperty() { return fullName; }
    public ObjectProperty<StaffRole> roleProperty() { return role; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty newPasswordProperty() { return newPassword; }
    public StringProperty loginErrorProperty() { return loginError; }
    public StringProperty fullNameErrorProperty() { return fullNameError; }
    public StringProperty passwordErrorProperty() { return passwordError; }
    public StringProperty newPasswordErrorProperty() { return newPasswordError; }
}
