package br.com.prontivus.cli;

import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.config.InvalidSettingException;
import br.com.prontivus.migration.MigrationException;
import br.com.prontivus.store.StoreException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into one line on stderr and an exit code. Stack traces go to the log file, and
 * to the console only with DEBUG=true: a receptionist never sees one.
 */
final class ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    private ErrorReporter() {
    }

    static int report(Throwable e, PrintWriter err, boolean debug) {
        Throwable cause = unwrap(e);
        int code = exitCode(cause);
        String message = message(cause);
        err.println("prontivus: " + message);
        if (code == ExitCodes.FAILURE) {
            LOG.error("Command failed: {}", message, cause);
        } else {
            LOG.info("Command refused: {}", message);
        }
        if (debug) {
            cause.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable e) {
        return switch (e) {
            case InvalidSettingException ignored -> ExitCodes.BAD_INPUT;
            case DomainException.InvalidInput ignored -> ExitCodes.BAD_INPUT;
            case DomainException.AuthenticationFailed ignored -> ExitCodes.BAD_INPUT;
            case DomainException.NotFound ignored -> ExitCodes.NOT_FOUND;
            case DomainException.Conflict ignored -> ExitCodes.CONFLICT;
            case CliException c -> c.exitCode();
            case br.com.prontivus.sync.SyncRefusedException ignored -> ExitCodes.CONFLICT;
            default -> ExitCodes.FAILURE;
        };
    }

    static String message(Throwable e) {
        return switch (e) {
            case DomainException d -> d.localized(Locale.getDefault());
            case InvalidSettingException s -> s.getMessage();
            case StoreException s -> s.getMessage();
            case MigrationException m -> m.getMessage();
            case CliException c -> c.getMessage();
            case br.com.prontivus.sync.SyncRefusedException r -> r.getMessage();
            case UncheckedIOException io -> io.getMessage() + ": " + io.getCause().getMessage();
            default -> "unexpected error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()))
                    + " (details in the log file)";
        };
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof picocli.CommandLine.ExecutionException
                || current instanceof java.util.concurrent.CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
