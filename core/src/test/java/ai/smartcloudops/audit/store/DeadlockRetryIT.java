package ai.smartcloudops.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Two transactions that lock two rows in opposite orders on embedded PostgreSQL: the deadlock's victim runs again. */
class DeadlockRetryIT {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private TransactionTemplate transaction;
    private DeadlockRetry retry;

    @BeforeEach
    void store() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestDatabase.newDatabase());
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL)").update();
        jdbc.sql("INSERT INTO counter VALUES (1, 0), (2, 0)").update();
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        transaction = new TransactionTemplate(transactions);
        retry = new DeadlockRetry(transactions);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        dataSource.close();
    }

    @Test
    void theVictimOfADeadlockRunsOnceMoreInItsTransactionAndBothComplete() throws Exception {
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();

        Future<?> forward = pool.submit(() -> incrementBoth(1, 2, bothHoldOne, attempts));
        Future<?> backward = pool.submit(() -> incrementBoth(2, 1, bothHoldOne, attempts));
        forward.get();
        backward.get();

        assertThat(attempts).hasValue(3);
        assertThat(jdbc.sql("SELECT n FROM counter ORDER BY id").query(Integer.class).list()).containsExactly(2, 2);
    }

    @Test
    void anyOtherFailureIsNotRunAgain() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run("insert", () -> {
            attempts.incrementAndGet();
            return jdbc.sql("INSERT INTO counter VALUES (1, 0)").update();
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(attempts).hasValue(1);
    }

    /**
     * In one transaction, adds 1 to row {@code first}, waits until the other thread holds its first row, then adds 1
     * to row {@code second}: one of the two is the deadlock's victim.
     */
    private Void incrementBoth(int first, int second, CyclicBarrier bothHoldOne, AtomicInteger attempts) {
        transaction.executeWithoutResult(status -> {
            try {
                retry.run("increment", () -> {
                    boolean again = attempts.incrementAndGet() > 2;
                    jdbc.sql("UPDATE counter SET n = n + 1 WHERE id = ?").param(first).update();
                    if (!again) {
                        bothHoldOne.await();
                    }
                    return jdbc.sql("UPDATE counter SET n = n + 1 WHERE id = ?").param(second).update();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return null;
    }
}
