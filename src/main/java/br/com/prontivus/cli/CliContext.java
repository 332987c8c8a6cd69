package br.com.prontivus.cli;

import br.com.prontivus.app.Prontivus;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.ClinicServices;
import br.com.prontivus.config.AppConfig;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * What a command needs from its surroundings: the configuration, the application (opened on first
 * use, so {@code config show} works even when the database cannot be opened), and its streams.
 */
public final class CliContext implements AutoCloseable {

    private final AppConfig config;
    private final Function<AppConfig, Prontivus> opener;
    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final String osUser;
    private Prontivus app;

    CliContext(AppConfig config, Function<AppConfig, Prontivus> opener, PrintWriter out, PrintWriter err,
               BufferedReader in, String osUser) {
        this.config = config;
        this.opener = opener;
        this.out = out;
        this.err = err;
        this.in = in;
        this.osUser = osUser;
    }

    public AppConfig config() {
        return config;
    }

    public Prontivus app() {
        if (app == null) {
            app = opener.apply(config);
        }
        return app;
    }

    public ClinicServices services() {
        return app().services();
    }

    /** Commands act as the operating-system account that runs them; the audit log says so. */
    public Actor actor() {
        return Actor.system(osUser);
    }

    public String osUser() {
        return osUser;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public BufferedReader in() {
        return in;
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
