package ai.smartcloudops.audit.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** The store cannot be used; the message names where it is and why, and is safe to print (no secrets). */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the failure is the store going away: no connection to be had (refused, timed out) or one the server
     * ended (SQLState class 08 connection exception, 57P administrator shutdown / crash). A rollback that failed on
     * the dead connection hides that cause behind "Connection is closed": the exception it overrode is looked at.
     */
    public static boolean lost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && lost(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }
}
