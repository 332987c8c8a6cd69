package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.app.HealthAdministration;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import br.com.prontivus.ui.shell.Page;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The admin area: one tab per panel. Built only for a logged-in administrator (the main window
 * neither shows nor reaches it for anyone else) and every action inside goes through
 * {@link Administration}, which checks the role again and audits.
 */
public final class AdminPage implements Page {

    /** The panels, in tab order. */
    public enum Section { CONFLICTS, SYNC, HEALTH, MIGRATIONS, USERS, PRACTITIONERS, AUDIT }

    private final I18n i18n;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = Forms.id(new TabPane(), "adminTabs");
    private final Map<Section, AdminPanel> panels = new EnumMap<>(Section.class);
    private final Map<Section, Tab> tabOf = new EnumMap<>(Section.class);
    private final ConflictsViewModel conflicts;
    private final SyncViewModel sync;
    private final MigrationsViewModel migrations;
    private final UsersViewModel users;
    private final PractitionersViewModel practitioners;
    private final AuditViewModel audit;
    private final AuditPanel auditPanel;
    private final HealthViewModel health;
    private final HealthPanel healthPanel;

    public AdminPage(DeskContext ctx, Administration admin) {
        this.i18n = ctx.i18n();
        root.setId("adminPage");
        conflicts = new ConflictsViewModel(ctx, admin);
        sync = new SyncViewModel(ctx, admin);
        migrations = new MigrationsViewModel(ctx, admin);
        users = new UsersViewModel(ctx, admin);
        practitioners = new PractitionersViewModel(ctx, admin);
        audit = new AuditViewModel(ctx, admin);
        auditPanel = new AuditPanel(ctx, audit);
        add(Section.CONFLICTS, new ConflictsPanel(ctx, conflicts), MaterialDesignC.CALL_MERGE);
        add(Section.SYNC, new SyncPanel(ctx, sync), MaterialDesignS.SYNC);
        // HEALTH DASHBOARD: cards per health check, charts, alert history, thresholds (the database monitor).
        health = new HealthViewModel(ctx, admin, new HealthAdministration(ctx.app()));
        healthPanel = new HealthPanel(ctx, health);
        add(Section.HEALTH, healthPanel, MaterialDesignH.HEART_PULSE);
        add(Section.MIGRATIONS, new MigrationsPanel(ctx, migrations), MaterialDesignD.DATABASE_COG);
        add(Section.USERS, new UsersPanel(ctx, users), MaterialDesignA.ACCOUNT_KEY);
        add(Section.PRACTITIONERS, new PractitionersPanel(ctx, practitioners), MaterialDesignD.DOCTOR);
        add(Section.AUDIT, auditPanel, MaterialDesignC.CLIPBOARD_TEXT_CLOCK);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, tab) -> {
            if (tab != null) {
                panels.get((Section) tab.getUserData()).activated();
            }
        });
        Label title = new Label(i18n.t("ui.admin.title"));
        title.getStyleClass().add("page-title");
        VBox top = new VBox(title);
        top.getStyleClass().add("admin-header");
        root.setTop(top);
        root.setCenter(tabs);
    }

    private void add(Section section, AdminPanel panel, Ikon icon) {
        String key = section.name().toLowerCase(Locale.ROOT);
        Tab tab = new Tab(i18n.t("ui.admin.tab." + key), panel.root());
        tab.setId("adminTab-" + key);
        tab.setGraphic(Forms.icon(icon));
        tab.setUserData(section);
        panels.put(section, panel);
        tabOf.put(section, tab);
        tabs.getTabs().add(tab);
    }

    public void show(Section section) {
        tabs.getSelectionModel().select(tabOf.get(section));
    }

    public Section current() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tab == null ? null : (Section) tab.getUserData();
    }

    public ConflictsViewModel conflicts() { return conflicts; }
    public SyncViewModel sync() { return sync; }
    public MigrationsViewModel migrations() { return migrations; }
    public UsersViewModel users() { return users; }
    public PractitionersViewModel practitioners() { return practitioners; }
    public AuditViewModel audit() { return audit; }
    public HealthViewModel health() { return health; }

    /** Replaces the health dashboard's desktop notification (tests); the alerts it announced so far. */
    public java.util.List<br.com.prontivus.monitor.Alert> healthNotifier(
            java.util.function.Consumer<br.com.prontivus.monitor.Alert> notifier) {
        if (notifier != null) {
            healthPanel.notifier(notifier);
        }
        return healthPanel.notified();
    }

    /** Replaces the CSV save dialog (tests). */
    public void auditFileChooser(java.util.function.Function<javafx.stage.Window, java.nio.file.Path> chooser) {
        auditPanel.chooser(chooser);
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void activated() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab != null) {
            panels.get((Section) tab.getUserData()).activated();
        }
    }

    @Override
    public void refresh() {
        activated();
    }
}
