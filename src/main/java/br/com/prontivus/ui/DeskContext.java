package br.com.prontivus.ui;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.ClinicServices;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** What every page of a logged-in desk needs: the services, text, the background executor, who is working. */
public record DeskContext(Prontivus app, ClinicServices services, I18n i18n, Background background,
                          Session session, DesktopOptions options,
                          DataChanges changes) {

    public Clock clock() {
        return app.clock();
    }

    public ZoneId zone() {
        return app.zone();
    }

    public LocalDate today() {
        return LocalDate.now(app.clock().withZone(app.zone()));
    }
}
