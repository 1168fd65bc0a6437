package ai.smartcloudops.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean that the store went away, as the driver, the pool and Spring report them. */
class StoreUnavailableExceptionTest {

    @Test
    void aRefusedTerminatedOrTimedOutConnectionIsTheStoreGone() {
        assertThat(StoreUnavailableException.lost(new DataAccessResourceFailureException("query",
                new SQLException("Connection to localhost:5432 refused", "08001")))).isTrue();
        assertThat(StoreUnavailableException.lost(new SQLException("terminating connection due to administrator "
                + "command", "57P01"))).isTrue();
        assertThat(StoreUnavailableException.lost(new IllegalStateException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out")))).isTrue();
    }

    @Test
    void aRollbackThatFailedOnTheDeadConnectionIsJudgedByTheFailureItHid() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new SQLException("terminating connection", "57P01"));

        assertThat(StoreUnavailableException.lost(rollback)).isTrue();
        assertThat(StoreUnavailableException.lost(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isFalse();
    }

    @Test
    void aQueryTheStoreRefusedIsNot() {
        assertThat(StoreUnavailableException.lost(new DuplicateKeyException("insert",
                new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(StoreUnavailableException.lost(new SQLException("deadlock detected", "40P01"))).isFalse();
    }
}
