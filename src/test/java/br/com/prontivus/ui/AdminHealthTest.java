package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.monitor.Alert;
import br.com.prontivus.monitor.HealthStatus;
import br.com.prontivus.monitor.Threshold;
import br.com.prontivus.store.schema.Schema;
import br.com.prontivus.ui.admin.AdminPage;
import br.com.prontivus.ui.admin.HealthViewModel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

/** The health dashboard on a real SQLite file, offline: cards, a chart, a threshold change and its alert. */
class AdminHealthTest extends DesktopTestSupport {

    static final Locale PT = Locale.forLanguageTag("pt-BR");

    @Test
    void healthDashboardShowsTheCardsAndAChart() throws Exception {
        open(PT, true);
        openAdmin("maria", AdminPage.Section.HEALTH);

        // Opening the dashboard started the monitor of this desktop: its first sample makes the cards.
        waitFor(() -> lookup("#healthCard-memory").tryQuery().isPresent());
        assertThat(app.monitor().running()).isTrue();
        for (String check : List.of("connection", "performance", "disk", "memory")) {
            assertThat(visible("#healthCard-" + check)).as(check).isTrue();
            assertThat(text("#healthStatus-" + check)).as(check).isIn("OK", "Atenção", "Crítico");
        }
        assertThat(text("#healthValue-memory")).contains("% em uso");
        assertThat(text("#healthSummary")).contains("este computador coleta");

        // A few more samples over time: the memory chart draws them, the server charts say why they are empty.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            app.monitor().tick();
        }
        clickOn("#healthRefresh");
        waitFor(() -> points("#healthChart-memory") >= 3 && points("#healthChart-cpu") >= 1);
        assertThat(visible("#healthChartEmpty-memory")).isFalse();
        assertThat(visible("#healthChartEmpty-connections")).isTrue();
        assertThat(visible("#healthChart-query_p95")).isTrue();

        // A wrong threshold is refused with a sentence; a right one is saved and audited.
        List<Alert> announced = new CopyOnWriteArrayList<>();
        onFx(() -> desktop.main().admin().healthNotifier(announced::add));
        TextField warn = lookup("#thresholdWarn-memory_used_percent").queryAs(TextField.class);
        TextField critical = lookup("#thresholdCritical-memory_used_percent").queryAs(TextField.class);
        waitFor(() -> warn.getText().equals("90") && critical.getText().equals("97"));
        onFx(() -> {
            warn.setText("5");
            critical.setText("2");
            return null;
        });
        fire("#thresholdSave-memory_used_percent");
        waitFor(() -> text("#healthMessage").contains("igual ou maior"));
        onFx(() -> {
            warn.setText("1");
            critical.setText("2,5");
            return null;
        });
        fire("#thresholdSave-memory_used_percent");
        waitFor(() -> text("#healthMessage").contains("salvo"));
        assertThat(app.monitor().thresholds().get(Threshold.Metric.MEMORY_USED_PERCENT))
                .isEqualTo(new Threshold(Threshold.Metric.MEMORY_USED_PERCENT, 1, 2.5));
        int audited = app.local().read(dsl -> dsl.fetchCount(Schema.AUDIT_LOG.table(),
                Schema.AUDIT_LOG.ACTION.eq("monitor.threshold")));
        assertThat(audited).isEqualTo(1);

        // The next sample judges memory CRITICAL: the alert reaches the open dashboard (notification + history).
        clock.advance(Duration.ofMinutes(1));
        app.monitor().tick();
        waitFor(() -> !announced.isEmpty());
        Alert alert = announced.getFirst();
        assertThat(alert.check()).isEqualTo("memory");
        assertThat(alert.to()).isEqualTo(HealthStatus.CRITICAL);
        waitFor(() -> text("#healthStatus-memory").equals("Crítico"));
        TableView<?> alerts = lookup("#healthAlerts").queryTableView();
        assertThat(alerts.getItems()).isNotEmpty();
        assertThat(text("#healthMessage")).contains("Novo alerta");

        // Back to the default: the fields show it again.
        fire("#thresholdReset-memory_used_percent");
        waitFor(() -> warn.getText().equals("90") && critical.getText().equals("97"));
        settle();
    }

    @Test
    void longWindowsAreAveragedIntoAtMostAChartsWorthOfPoints() {
        var history = new java.util.ArrayList<br.com.prontivus.monitor.HistoryPoint>();
        java.time.Instant t0 = NOW.minus(Duration.ofDays(7));
        for (int i = 0; i < 5000; i++) {
            history.add(new br.com.prontivus.monitor.HistoryPoint(t0.plusSeconds(i * 120L), "desk", HealthStatus.OK,
                    null, null, null, null, null, 0.5, 40.0 + (i % 2), 50.0, 1.0, null));
        }
        List<HealthViewModel.Point> memory = HealthViewModel.points(history, HealthViewModel.Series.MEMORY);
        assertThat(memory).hasSizeLessThanOrEqualTo(240).hasSizeGreaterThan(200);
        assertThat(memory).allSatisfy(p -> assertThat(p.value()).isBetween(40.0, 41.0));
        assertThat(HealthViewModel.points(history, HealthViewModel.Series.CPU).getFirst().value()).isEqualTo(50.0);
        assertThat(HealthViewModel.points(history, HealthViewModel.Series.CONNECTIONS)).isEmpty();
    }

    /** Presses a button that may be scrolled out of the window (the thresholds sit below the charts). */
    private void fire(String button) throws Exception {
        onFx(() -> {
            javafx.scene.control.Button b = lookup(button).queryButton();
            assertThat(b.isDisabled()).as(button + " enabled").isFalse();
            b.fire();
            return null;
        });
    }

    private int points(String chart) {
        try {
            return onFx(() -> {
                @SuppressWarnings("unchecked")
                LineChart<Number, Number> c = (LineChart<Number, Number>) lookup(chart).query();
                return c.getData().isEmpty() ? 0 : c.getData().getFirst().getData().size();
            });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
