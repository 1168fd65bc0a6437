package ai.smartcloudops.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

/** Which failures are worth running a step once more for. */
class DeadlockRetryTest {

    @Test
    void aDeadlockOrSerializationFailureIsRetried() {
        assertThat(DeadlockRetry.retried(new CannotAcquireLockException("update",
                new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(DeadlockRetry.retried(new SQLException("could not serialize access", "40001"))).isTrue();
    }

    @Test
    void anErrorWithoutSqlStateIsNotRetriedAndStaysWhatItIs() {
        // the pool's own answer on a connection it closed: no SQLState, and it must reach the caller as it is
        assertThat(DeadlockRetry.retried(new SQLException("Connection is closed"))).isFalse();
        assertThat(DeadlockRetry.retried(new SQLException("duplicate key value", "23505"))).isFalse();
    }
}
