package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.Part;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The parts of a snapshot read under savepoints: a part whose queries fail is the failure of the checks that inspect
 * it alone, and the snapshot's transaction goes on.
 */
final class Savepoints {

    private Savepoints() {
    }

    /** A part's queries, which may fail. */
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Reads the part when {@code wanted}, under a savepoint of the snapshot's transaction. Its queries' error is the
     * part's failure, with the error's message: the message of the check that inspects it.
     */
    static <T> Part<T> part(Connection c, boolean wanted, Read<T> read) throws SQLException {
        if (!wanted) {
            return Part.unread();
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            T value = read.apply(c);
            c.releaseSavepoint(savepoint);
            return Part.of(value);
        } catch (SQLException e) {
            c.rollback(savepoint);
            return failed(e);
        }
    }

    /** The part whose queries failed with {@code error}. */
    static <T> Part<T> failed(SQLException error) {
        return Part.failed(new IllegalStateException(error.getMessage(), error));
    }
}
