package br.com.prontivus.ui.shell;

import atlantafx.base.theme.Styles;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import br.com.prontivus.ui.Theme;
import br.com.prontivus.ui.patients.PatientsPage;
import br.com.prontivus.app.Administration;
import br.com.prontivus.clinic.StaffRole;
import br.com.prontivus.ui.admin.AdminPage;
import br.com.prontivus.ui.queue.QueuePage;
import br.com.prontivus.ui.schedule.SchedulePage;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** The main window: header (clinic, user, role), navigation, the current page, the status bar, F1 help. */
public final class MainView {

    public enum PageId { PATIENTS, SCHEDULE, QUEUE, ADMIN }

    private final DeskContext ctx;
    private final I18n i18n;
    private final StackPane root;
    private final BorderPane frame = new BorderPane();
    private final PatientsPage patients;
    private final SchedulePage schedule;
    private final QueuePage queue;
    /** Null unless an administrator is logged in: the admin area does not exist for anyone else. */
    private final AdminPage admin;
    private final StatusBarModel status;
    private final Shortcuts shortcuts = new Shortcuts();
    private final ToggleGroup nav = new ToggleGroup();
    private final Timeline statusTimer;
    private final javafx.animation.PauseTransition afterWrite;
    private HelpOverlay help;
    private Page current;
    private PageId currentId;

    public MainView(DeskContext ctx, Theme theme, Runnable onLogout) {
        this.ctx = ctx;
        this.i18n = ctx.i18n();
        this.patients = new PatientsPage(ctx, p -> {
            show(PageId.SCHEDULE);
            scheduleBookFor(p);
        });
        this.schedule = new SchedulePage(ctx);
        this.queue = new QueuePage(ctx);
        this.admin = ctx.session().user().role() == StaffRole.ADMIN
                ? new AdminPage(ctx, Administration.of(ctx.app())) : null;
        this.status = new StatusBarModel(ctx.app(), ctx.background(), i18n);

        Label appTitle = new Label("Prontivus");
        appTitle.getStyleClass().add("app-title");
        appTitle.setGraphic(new FontIcon(MaterialDesignH.HOSPITAL_BOX_OUTLINE));
        Label clinic = Forms.id(new Label(ctx.session().clinicName()), "headerClinic");
        clinic.getStyleClass().add(Styles.TITLE_4);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var user = ctx.session().user();
        Label who = Forms.id(new Label(i18n.t("ui.header.user", user.fullName(),
                i18n.t("ui.role." + user.role().dbValue()))), "headerUser");
        who.setGraphic(new FontIcon(MaterialDesignA.ACCOUNT_CIRCLE_OUTLINE));
        Button themeButton = Forms.id(new Button(), "themeToggle");
        themeButton.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> new FontIcon(theme.darkProperty().get() ? MaterialDesignW.WEATHER_SUNNY
                        : MaterialDesignW.WEATHER_NIGHT), theme.darkProperty()));
        themeButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        themeButton.setTooltip(new Tooltip(i18n.t("ui.header.theme")));
        themeButton.setFocusTraversable(false);
        themeButton.setOnAction(e -> theme.toggle());
        Button helpButton = Forms.id(new Button(), "helpButton");
        helpButton.setGraphic(new FontIcon(MaterialDesignH.HELP_CIRCLE_OUTLINE));
        helpButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        helpButton.setTooltip(new Tooltip(i18n.t("ui.header.help")));
        helpButton.setFocusTraversable(false);
        helpButton.setOnAction(e -> help.toggle());
        Button logout = Forms.id(new Button(i18n.t("ui.header.logout")), "logoutButton");
        logout.setGraphic(new FontIcon(MaterialDesignL.LOGOUT));
        logout.setMnemonicParsing(false);
        logout.getStyleClass().add(Styles.FLAT);
        logout.setFocusTraversable(false);
        logout.setOnAction(e -> {
            close();
            onLogout.run();
        });
        HBox header = new HBox(appTitle, clinic, spacer, who, themeButton, helpButton, logout);
        header.getStyleClass().add("app-header");

        VBox navBar = new VBox(navButton(PageId.PATIENTS, "ui.nav.patients", MaterialDesignA.ACCOUNT_MULTIPLE),
                navButton(PageId.SCHEDULE, "ui.nav.schedule", MaterialDesignC.CALENDAR_MONTH),
                navButton(PageId.QUEUE, "ui.nav.queue", MaterialDesignT.TIMER_SAND));
        if (admin != null) {
            Region gap = new Region();
            VBox.setVgrow(gap, Priority.ALWAYS);
            navBar.getChildren().addAll(gap, navButton(PageId.ADMIN, "ui.nav.admin", MaterialDesignS.SHIELD_ACCOUNT));
        }
        navBar.getStyleClass().add("nav-bar");

        frame.setTop(header);
        frame.setLeft(navBar);
        frame.setBottom(new StatusBarView(i18n, status, ctx.zone()).root());
        root = new StackPane(frame);
        root.setId("mainView");

        statusTimer = new Timeline(new KeyFrame(javafx.util.Duration.millis(ctx.options().statusRefresh().toMillis()),
                e -> status.refresh()));
        statusTimer.setCycleCount(Timeline.INDEFINITE);
        // Every write adds to the outbox: re-read the pending count shortly after (bursts coalesce).
        afterWrite = new javafx.animation.PauseTransition(javafx.util.Duration.millis(300));
        afterWrite.setOnFinished(e -> status.refresh());
        ctx.changes().versionProperty().addListener((obs, o, n) -> afterWrite.playFromStart());
    }

    private ToggleButton navButton(PageId id, String key, org.kordamp.ikonli.Ikon icon) {
        ToggleButton b = new ToggleButton(i18n.t(key));
        b.setId("nav-" + id.name().toLowerCase(Locale.ROOT));
        b.setGraphic(new FontIcon(icon));
        b.setToggleGroup(nav);
        b.setUserData(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> show(id));
        return b;
    }

    /** Installs the global shortcuts on the scene and shows the first page. */
    public void attach(Scene scene) {
        scene.getAccelerators().clear();
        KeyCombination.Modifier shortcut = KeyCombination.SHORTCUT_DOWN;
        shortcuts.global(scene, new KeyCodeCombination(KeyCode.F, shortcut), "ui.keys.search", () -> {
            show(PageId.PATIENTS);
            patients.focusSearch();
        });
        shortcuts.global(scene, new KeyCodeCombination(KeyCode.N, shortcut), "ui.keys.new_patient", () -> {
            show(PageId.PATIENTS);
            patients.newPatient();
        });
        shortcuts.global(scene, new KeyCodeCombination(KeyCode.DIGIT1, shortcut), "ui.keys.patients",
                () -> show(PageId.PATIENTS));
        shortcuts.global(scene, new KeyCodeCombination(KeyCode.DIGIT2, shortcut), "ui.keys.schedule",
                () -> show(PageId.SCHEDULE));
        shortcuts.global(scene, new KeyCodeCombination(KeyCode.DIGIT3, shortcut), "ui.keys.queue",
                () -> show(PageId.QUEUE));
        if (admin != null) {
            shortcuts.global(scene, new KeyCodeCombination(KeyCode.DIGIT4, shortcut), "ui.keys.admin",
                    () -> show(PageId.ADMIN));
        }
        shortcuts.global(scene, new KeyCodeCombination(KeyCode.F5), "ui.keys.refresh", this::refresh);
        shortcuts.global(scene, new KeyCodeCombination(KeyCode.F1), "ui.keys.help", () -> help.toggle());
        shortcuts.global(scene, new KeyCodeCombination(KeyCode.T, shortcut, KeyCombination.SHIFT_DOWN),
                "ui.keys.theme", () -> ((Button) root.lookup("#themeToggle")).fire());
        shortcuts.describe("Ctrl+S / Enter", "ui.keys.save");
        shortcuts.describe("Esc", "ui.keys.cancel");
        shortcuts.describe("↑ ↓ ← →  Enter", "ui.keys.slots");
        shortcuts.describe("Alt+← / Alt+→", "ui.keys.day");
        shortcuts.describe("Alt+PgUp / Alt+PgDn", "ui.keys.week");
        shortcuts.describe("Alt+Home", "ui.keys.today");
        shortcuts.describe("Enter", "ui.keys.queue_advance");
        shortcuts.describe("N", "ui.keys.no_show");
        help = new HelpOverlay(i18n, shortcuts);
        root.getChildren().add(help);
        show(PageId.PATIENTS);
        status.refresh();
        statusTimer.play();
    }

    public void show(PageId id) {
        if (id == PageId.ADMIN && admin == null) {
            return; // not an administrator: the admin area is not reachable, whatever asked for it
        }
        Page next = switch (id) {
            case PATIENTS -> patients;
            case SCHEDULE -> schedule;
            case QUEUE -> queue;
            case ADMIN -> admin;
        };
        nav.getToggles().stream().filter(t -> t.getUserData() == id).findFirst().ifPresent(t -> t.setSelected(true));
        if (next == current) {
            return;
        }
        if (current != null) {
            current.deactivated();
        }
        current = next;
        currentId = id;
        frame.setCenter(next.root());
        next.activated();
    }

    private void scheduleBookFor(br.com.prontivus.clinic.Patient p) {
        if (p != null) {
            schedule.bookFor(p);
        }
    }

    public void refresh() {
        if (current != null) {
            current.refresh();
        }
        status.refresh();
    }

    public void close() {
        statusTimer.stop();
        afterWrite.stop();
        if (current != null) {
            current.deactivated();
        }
    }

    public Parent root() {
        return root;
    }

    public PageId currentPage() {
        return currentId;
    }

    public PatientsPage patients() { return patients; }
    public SchedulePage schedule() { return schedule; }
    public QueuePage queue() { return queue; }
    /** The admin area; null unless an administrator is logged in. */
    public AdminPage admin() { return admin; }
    public StatusBarModel status() { return status; }
    public Shortcuts shortcuts() { return shortcuts; }
}
