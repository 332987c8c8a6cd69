package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.testing.TestStores;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real desktop on a real SQLite file in a temporary directory, with a clock the test
 * moves, and drives it like staff do: typing, clicking, keys.
 */
abstract class DesktopTestSupport extends FxRobot {

    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    /** Wednesday 25 November 2026, 09:00 in São Paulo. */
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String PASSWORD = "segredo123";
    static final DesktopOptions FAST = new DesktopOptions(Duration.ZERO, Duration.ofMillis(1500),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));

    @TempDir
    Path dataDir;
    MutableClock clock;
    Prontivus app;
    Desktop desktop;
    Stage stage;
    List<Practitioner> practitioners = List.of();

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Opens the data directory; with {@code clinic} true the clinic, user maria and two practitioners exist. */
    void open(Locale locale, boolean clinic) throws Exception {
        Locale.setDefault(locale);
        clock = new MutableClock(NOW);
        app = Prontivus.open(ConfigLoader.forDataDirectory(dataDir),
                new Prontivus.Options(clock, ZONE, TestStores.FAST_HASHER, "tester", true));
        if (clinic) {
            app.init("Clínica Boa Saúde", "maria", "Maria Oliveira", PASSWORD.toCharArray(), "desk-1");
            Actor admin = Actor.system("tester");
            services().practitioners().add(admin, "Dra. Ana Souza", "Clínica geral", "CRM-SP 123456");
            services().practitioners().add(admin, "Dr. Bruno Lima", "Pediatria", "CRM-SP 654321");
            practitioners = services().practitioners().list(); // the schedule's column order
        }
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            desktop = new Desktop(stage, () -> app, locale, FAST, DesktopPreferences.load(dataDir));
            desktop.start();
        });
        waitFor(() -> lookup(clinic ? "#loginView" : "#firstRunView").tryQuery().isPresent());
    }

    /** Starts the desktop on an already opened installation (e.g. a hybrid one of a sync test); it is closed with the desktop. */
    void openWith(Locale locale, Prontivus opened) throws Exception {
        Locale.setDefault(locale);
        app = opened;
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            desktop = new Desktop(stage, () -> app, locale, FAST, DesktopPreferences.load(dataDir));
            desktop.start();
        });
        waitFor(() -> lookup("#loginView").tryQuery().isPresent());
    }

    /** Logs in as {@code user} (an administrator) and opens the admin area on {@code section}. */
    void openAdmin(String user, br.com.prontivus.ui.admin.AdminPage.Section section) throws Exception {
        login(user, PASSWORD);
        waitFor(() -> lookup("#mainView").tryQuery().isPresent());
        settle();
        clickOn("#nav-admin");
        waitFor(() -> desktop.main().currentPage() == br.com.prontivus.ui.shell.MainView.PageId.ADMIN);
        onFx(() -> {
            desktop.main().admin().show(section);
            return null;
        });
        settle();
    }

    ClinicServices services() {
        return app.services();
    }

    /** The JVM's locale before a test set its own; every test class shares the JVM with the others. */
    private final Locale originalLocale = Locale.getDefault();

    @AfterEach
    void closeDesktop() throws Exception {
        try {
            if (desktop != null) {
                FxToolkit.setupFixture(() -> desktop.close());
            }
        } finally {
            Locale.setDefault(originalLocale);
        }
    }

    void login(String user, String password) {
        clickOn("#loginField").write(user);
        clickOn("#passwordField").write(password);
        type(KeyCode.ENTER);
    }

    void loginAsMaria() {
        login("maria", PASSWORD);
        waitFor(() -> lookup("#mainView").tryQuery().isPresent());
        settle();
    }

    /** Waits until the condition holds (checked on the FX thread), at most 10 s. */
    void waitFor(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("Condition not met within 10 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until a condition on the data holds (checked on the test thread: it may read the database). */
    void waitForData(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("Condition not met within 10 s", e);
        }
    }

    /** Waits for background work and the FX queue to drain. */
    void settle() {
        waitFor(() -> desktop.background().inFlight() == 0);
    }

    static <T> T onFx(Callable<T> what) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return what.call();
        }
        return WaitForAsyncUtils.asyncFx(what).get(10, TimeUnit.SECONDS);
    }

    String text(String query) {
        try {
            return onFx(() -> lookup(query).queryAs(Labeled.class).getText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    boolean visible(String query) {
        try {
            return onFx(() -> lookup(query).tryQuery().map(n -> n.isVisible() && isShown(n)).orElse(false));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isShown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Writes the window's content as a PNG (no javafx-swing: pixels copied by hand into a BufferedImage). */
    void screenshot(Path file) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> {
            image.set(stage.getScene().getRoot().snapshot(null, null));
            return null;
        });
        writePng(image.get(), file);
        assertThat(file).exists();
    }

    static void writePng(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            pixels.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
