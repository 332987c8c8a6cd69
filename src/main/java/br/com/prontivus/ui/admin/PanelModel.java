package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.clinic.Actor;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.I18n;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What every admin panel's view model shares: the administration service, the acting
 * administrator, a busy flag with a line saying what is running (the view shows a progress bar and
 * disables its actions), and the message line. Work runs on the desk's background executor;
 * properties are only touched on the JavaFX thread.
 */
abstract class PanelModel {

    protected final DeskContext ctx;
    protected final Administration admin;
    protected final I18n i18n;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final StringProperty progress = new SimpleStringProperty(this, "progress", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty(this, "messageIsError");
    private int running;

    PanelModel(DeskContext ctx, Administration admin) {
        this.ctx = ctx;
        this.admin = admin;
        this.i18n = ctx.i18n();
    }

    protected Actor actor() {
        return ctx.session().actor();
    }

    /**
     * Runs {@code work} in the background with {@code progressText} shown; {@code done} runs on the
     * JavaFX thread with the result, a failure becomes the panel's error message.
     */
    protected <T> void work(String progressText, Callable<T> work, Consumer<T> done) {
        running++;
        busy.set(true);
        progress.set(progressText);
        ctx.background().run(work, result -> {
            finished();
            done.accept(result);
        }, failure -> {
            finished();
            error(i18n.error(failure));
        });
    }

    private void finished() {
        running--;
        if (running == 0) {
            busy.set(false);
            progress.set("");
        }
    }

    protected void info(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    protected void error(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    public abstract void reload();

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public StringProperty progressProperty() { return progress; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty messageIsErrorProperty() { return messageIsError; }
}
