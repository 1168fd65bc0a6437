package ai.smartcloudops.audit.store;

import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a unit of store work in a savepoint of the transaction it joins (or in a transaction of its own) and, when
 * PostgreSQL chose it as the victim of a deadlock (40P01) or could not serialize it (40001), rolls back to the
 * savepoint and runs it once more: by then the other transaction holds what it waited for and goes on. The writes
 * lock in one order, so this is the second line of defence.
 */
public final class DeadlockRetry {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlockRetry.class);
    private static final Set<String> RETRIED = Set.of("40P01", "40001");

    private final TransactionTemplate savepoint;

    public DeadlockRetry(PlatformTransactionManager transactions) {
        savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Work on the store that may throw. */
    public interface Work<T> {
        T run() throws Exception;
    }

    /** Runs {@code work}, and once more after a deadlock or serialization failure; {@code what} names it in the log. */
    public <T> T run(String what, Work<T> work) throws Exception {
        try {
            return attempt(work);
        } catch (Exception e) {
            if (!retried(e)) {
                throw e;
            }
            LOG.info("{} lost a deadlock on the store to another run; running it once more", what);
            return attempt(work);
        }
    }

    private <T> T attempt(Work<T> work) throws Exception {
        try {
            return savepoint.execute(status -> {
                try {
                    return work.run();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new Checked(e);
                }
            });
        } catch (Checked e) {
            throw (Exception) e.getCause();
        }
    }

    /** Whether PostgreSQL refused {@code error}'s work as a deadlock victim or as not serializable. */
    public static boolean retried(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a pool's own errors ("Connection is closed") carry no SQLState
            if (t instanceof SQLException sql && sql.getSQLState() != null && RETRIED.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Carries a checked exception of the work through the template, which rolls back to the savepoint for it. */
    private static final class Checked extends RuntimeException {
        Checked(Exception cause) {
            super(cause);
        }
    }
}
