package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.bench.PatientGenerator;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.PatientService;
import br.com.prontivus.config.ConfigLoader;
import br.com.prontivus.testing.TestStores;
import br.com.prontivus.ui.patients.PatientSearchViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 5 benchmark, NOT part of the normal suite ({@code @Tag("bench")}; run with
 * {@code -Dgroups=bench -DexcludedGroups=none -Dtest=DesktopBenchTest}). Figures go to
 * docs/PERFORMANCE.md, "Desktop (issue 5)"; this class prints them as lines starting with "BENCH"
 * and writes them to target/ui-bench.txt.
 *
 * <p>(2) keystroke → results over 100,000 patients: the desk runs with the production search
 * settings ({@link DesktopOptions#defaults()}: no pause, the query starts with the key). For every
 * typed key: t0 = the KEY_TYPED event reaches the search field (event filter, FX thread); t1 = the
 * query is sent to the worker (the view model's {@code searching} turns true); t2 = the table's
 * items are replaced; t3 = the first pulse after t2 has laid the table out (post-layout pulse
 * listener). Reported: key → query sent = t1 − t0 (the pause, if one is configured), query+render =
 * t3 − t1, total = t3 − t0. Each key waits for its result before the next (a slow typist; a fast
 * one's keys fold into one follow-up query while a query runs).
 *
 * <p>(3) keyboard-only registration with 100,000 patients in the database: Ctrl+N, typing, Tab,
 * Ctrl+S; every key chord counted, time from Ctrl+N to the saved patient's detail on screen.
 */
@Tag("bench")
class DesktopBenchTest extends DesktopTestSupport {

    static final int PATIENTS = Integer.getInteger("bench.ui.patients", 100_000);
    static final int BATCH = 2_000;
    static final List<String> WORDS = List.of("maria", "conceicao", "jose", "silva", "souza", "araujo",
            "antonia oliveira", "joao da", "123.45", "(11) 9");
    private final List<String> report = new ArrayList<>();

    @Test
    void keystrokeToResultsAndKeyboardOnlyRegistration() throws Exception {
        Locale.setDefault(Locale.ENGLISH);
        clock = new MutableClock(NOW);
        app = Prontivus.open(ConfigLoader.forDataDirectory(dataDir),
                new Prontivus.Options(clock, ZONE, TestStores.FAST_HASHER, "tester", true));
        app.init("Clínica Boa Saúde", "maria", "Maria Oliveira", PASSWORD.toCharArray(), "desk-1");
        importPatients();

        DesktopOptions production = DesktopOptions.defaults();
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            desktop = new Desktop(stage, () -> app, Locale.ENGLISH, production);
            desktop.start();
        });
        waitFor(() -> lookup("#loginView").tryQuery().isPresent());
        loginAsMaria();
        waitFor(() -> table().getItems().size() == PatientSearchViewModel.LIMIT);
        line("search pause configured: %d ms (DesktopOptions.defaults())", production.searchDebounce().toMillis());

        searchBench();
        queryAloneBench();
        registrationBench();

        Path out = Path.of("target", "ui-bench.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }

    private void importPatients() {
        PatientGenerator gen = new PatientGenerator(42);
        Actor actor = Actor.system("bench");
        long start = System.nanoTime();
        int written = 0;
        for (int from = 0; from < PATIENTS; from += BATCH) {
            List<PatientDraft> drafts = gen.drafts(from, Math.min(BATCH, PATIENTS - from));
            for (PatientService.BatchRow row : services().patients().registerBatch(actor, drafts)) {
                if (row.registered()) {
                    written++;
                }
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        line("import: %d patients through registerBatch (%d per batch) in %.1f s (%.0f rows/s); count=%d",
                written, BATCH, s, written / s, services().patients().count());
    }

    // ---------------------------------------------------------------- (2) search
    private void searchBench() throws Exception {
        TextField field = lookup("#patientSearchField").queryAs(TextField.class);
        PatientSearchViewModel vm = desktop.main().patients().search();
        AtomicLong t0 = new AtomicLong(), t1 = new AtomicLong(), t2 = new AtomicLong(), t3 = new AtomicLong();
        EventHandler<KeyEvent> keyFilter = e -> t0.set(System.nanoTime());
        ListChangeListener<Patient> itemsChanged = c -> {
            long now = System.nanoTime();
            if (t2.get() == 0) {
                t2.set(now);
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    t3.set(System.nanoTime());
                    stage.getScene().removePostLayoutPulseListener(once[0]);
                };
                stage.getScene().addPostLayoutPulseListener(once[0]);
                javafx.application.Platform.requestNextPulse(); // identical rows dirty nothing: still one pulse
            }
        };
        onFx(() -> {
            field.addEventFilter(KeyEvent.KEY_TYPED, keyFilter);
            vm.searchingProperty().addListener((o, was, is) -> {
                if (is) {
                    t1.set(System.nanoTime());
                } else if (t2.get() == 0) {
                    // the answer arrived (set just before the rows, in the same FX callback); this also
                    // covers empty -> empty, which fires no list change: t3 = the pulse after the callback
                    itemsChanged.onChanged(null);
                }
            });
            vm.results().addListener(itemsChanged);
            return null;
        });
        clickOn(field);
        List<Double> debounce = new ArrayList<>(), queryRender = new ArrayList<>(), total = new ArrayList<>();
        List<Double> firstKey = new ArrayList<>();
        List<String> perWord = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // round 0 warms the JIT and the page cache
            for (String word : WORDS) {
                clearField();
                StringBuilder row = new StringBuilder(word + ":");
                for (int i = 0; i < word.length(); i++) {
                    t0.set(0);
                    t1.set(0);
                    t2.set(0);
                    t3.set(0);
                    write(word.charAt(i));
                    int at = i;
                    waitUntil(() -> t3.get() != 0 && t1.get() != 0, () -> "word '" + word + "' key " + at
                            + " t0=" + t0.get() + " t1=" + t1.get() + " t2=" + t2.get() + " t3=" + t3.get());
                    WaitForAsyncUtils.waitForFxEvents();
                    if (round == 1) {
                        double d = (t1.get() - t0.get()) / 1e6, q = (t3.get() - t1.get()) / 1e6;
                        debounce.add(d);
                        queryRender.add(q);
                        total.add(d + q);
                        if (i == 0) {
                            firstKey.add(q);
                        }
                        row.append(String.format(Locale.ROOT, " %.0f", q));
                    }
                }
                if (round == 1) {
                    perWord.add(row + " ms (query+render per key) -> " + table().getItems().size() + " rows");
                }
            }
        }
        line("search over %d patients, %d keystrokes measured (second round; first round = warm-up)",
                services().patients().count(), total.size());
        line("  key -> query sent:  %s", stats(debounce));
        line("  query+render (sent -> table laid out): %s", stats(queryRender));
        line("  total (key -> table laid out): %s", stats(total));
        line("  query+render on 1-char prefixes only: %s", stats(firstKey));
        for (String w : perWord) {
            line("  %s", w);
        }
    }

    private void clearField() {
        press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        type(KeyCode.BACK_SPACE);
        waitFor(() -> table().getItems().size() == PatientSearchViewModel.LIMIT
                && !desktop.main().patients().search().searchingProperty().get());
        sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The same prefixes straight through PatientService.search (worker-thread cost without the UI). */
    private void queryAloneBench() {
        PatientService patients = services().patients();
        List<Double> times = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String word : WORDS) {
                for (int i = 1; i <= word.length(); i++) {
                    String prefix = word.substring(0, i).strip();
                    long s = System.nanoTime();
                    patients.search(prefix, PatientSearchViewModel.LIMIT);
                    if (round == 1) {
                        times.add((System.nanoTime() - s) / 1e6);
                    }
                }
            }
        }
        line("  PatientService.search alone, same prefixes (no UI): %s", stats(times));
    }

    // ---------------------------------------------------------------- (3) registration
    private int keys;

    private void chord(KeyCode modifier, KeyCode key) {
        press(modifier).press(key).release(key).release(modifier);
        keys++;
    }

    private void key(KeyCode key) {
        type(key);
        keys++;
    }

    private void typeText(String s) {
        write(s);
        keys += s.length();
    }

    private void expectFocus(String id) {
        waitFor(() -> {
            Node f = stage.getScene().getFocusOwner();
            return f != null && id.equals(f.getId());
        });
    }

    private void registrationBench() {
        long before = services().patients().count();
        keys = 0;
        clickOn("#patientSearchField"); // where the desk is between patients; not counted, not timed
        long start = System.nanoTime();
        chord(KeyCode.CONTROL, KeyCode.N);
        expectFocus("fullNameField");
        typeText("Benedita Quintão Prudêncio");
        key(KeyCode.TAB);
        expectFocus("socialNameField");
        key(KeyCode.TAB);
        expectFocus("cpfField");
        typeText("11144477735");
        key(KeyCode.TAB);
        expectFocus("birthDateField");
        typeText("07041975");
        key(KeyCode.TAB); // sex: left empty
        key(KeyCode.TAB);
        expectFocus("phoneField");
        typeText("11987651234");
        chord(KeyCode.CONTROL, KeyCode.S);
        long savedAt;
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> visible("#patientDetail")
                    || visible("#duplicateWarning")));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
        boolean duplicate = visible("#duplicateWarning") && !visible("#patientDetail");
        if (duplicate) {
            chord(KeyCode.CONTROL, KeyCode.S);
            waitFor(() -> visible("#patientDetail"));
        }
        waitFor(() -> "Benedita Quintão Prudêncio".equals(lookup("#detailName").queryLabeled().getText()));
        savedAt = System.nanoTime();
        waitForData(() -> services().patients().count() == before + 1);
        assertThat(services().patients().search("11144477735", 10)).anySatisfy(
                p -> assertThat(p.fullName()).isEqualTo("Benedita Quintão Prudêncio"));
        int typedChars = "Benedita Quintão Prudêncio".length() + 11 + 8 + 11;
        line("registration, keyboard only (Ctrl+N, name, Tab x2, CPF, Tab, birth date, Tab x2, phone, Ctrl+S)%s:",
                duplicate ? " + Ctrl+S again after a duplicate warning" : "");
        line("  %d keystrokes (%d typed characters, %d Tab, %d shortcut chords), mouse: 0",
                keys, typedChars, 5, duplicate ? 3 : 2);
        line("  scripted run: %.2f s from Ctrl+N to the saved patient's detail on screen (robot typing speed)",
                (savedAt - start) / 1e9);
    }

    // ---------------------------------------------------------------- helpers
    @SuppressWarnings("unchecked")
    private TableView<Patient> table() {
        return lookup("#patientTable").queryAs(TableView.class);
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> c,
                                  java.util.function.Supplier<String> what) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no result within 10 s: " + what.get(), e);
        }
    }

    private static String stats(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        if (s.isEmpty()) {
            return "n=0";
        }
        return String.format(Locale.ROOT, "n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms min=%.1f ms", s.size(),
                pct(s, 50), pct(s, 95), s.getLast(), s.getFirst());
    }

    private static double pct(List<Double> sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    private void line(String format, Object... args) {
        String l = String.format(Locale.ROOT, format, args);
        report.add(l);
        System.out.println("BENCH " + l);
    }
}
