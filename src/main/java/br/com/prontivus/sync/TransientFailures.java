package br.com.prontivus.sync;

import br.com.prontivus.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Which failures are worth retrying: a lost connection, a timeout, a serialization failure or a
 * deadlock pass by themselves; a constraint or permission failure will fail the same way again.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException.Unavailable || t instanceof SQLTransientException
                    || t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") // connection exception
                        || state.equals("40001") // serialization failure
                        || state.equals("40P01") // deadlock
                        || state.startsWith("57P") // admin shutdown, crash shutdown, cannot connect now
                        || state.equals("53300") // too many connections
                        || state.equals("55P03") // lock not available
                        || state.equals("57014")) { // query cancelled (statement timeout)
                    return true;
                }
                return false;
            }
        }
        return false;
    }

    /** One line for logs and the queue's last_error. */
    public static String describe(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                root = t;
                break;
            }
            root = t;
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
