package ai.smartcloudops.audit.check.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * One part of a snapshot: what its queries answered, or why they failed. A part that fails is the failure of the
 * checks that inspect it alone: its queries ran under a savepoint, so the snapshot's transaction goes on.
 *
 * @param value what was read, null when the part failed or was not read (no check of the run inspects it)
 * @param error why it could not be read, else null
 */
record Part<T>(T value, SQLException error) {

    Part {
        if (value != null && error != null) {
            throw new IllegalArgumentException("a part is read or failed, not both");
        }
    }

    /** A part's queries, which may fail. */
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    static <T> Part<T> of(T value) {
        return new Part<>(value, null);
    }

    static <T> Part<T> failed(SQLException error) {
        return new Part<>(null, error);
    }

    /** A part no check of the run inspects. */
    static <T> Part<T> unread() {
        return new Part<>(null, null);
    }

    /** Reads the part when {@code wanted}, under a savepoint of the snapshot's transaction. */
    static <T> Part<T> read(Connection c, boolean wanted, Read<T> read) throws SQLException {
        if (!wanted) {
            return unread();
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            T value = read.apply(c);
            c.releaseSavepoint(savepoint);
            return of(value);
        } catch (SQLException e) {
            c.rollback(savepoint);
            return failed(e);
        }
    }

    /** What was read; the check that inspects a failed part fails with its error. */
    T get() {
        if (error != null) {
            throw new IllegalStateException(error.getMessage(), error);
        }
        if (value == null) {
            throw new IllegalStateException("a part no check of the run was to inspect");
        }
        return value;
    }
}
