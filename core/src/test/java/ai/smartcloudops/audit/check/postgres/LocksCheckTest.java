package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class LocksCheckTest {

    @Test
    void aSessionWaitingOnAnotherSessionsLockIsPg204P1() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            Connection holder = db.connect("migration");
            int blocker = PostgresFixtures.pid(holder);
            int blocked = waitingOnALock(db, holder, "orders-api");

            assertThat(PostgresFixtures.run(new LocksCheck(db.targets("lock-wait=300ms")))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-204");
                        assertThat(f.severity()).isEqualTo(Severity.P1);
                        assertThat(f.resource()).isEqualTo(new Resource("Table", "public", "orders"));
                        assertThat(f.title()).matches("1 session\\(s\\) on " + db.database + " waited up to "
                                + "\\d+(\\.\\d+)?(µs|ms|s) for a AccessShareLock lock on relation orders, held by pid "
                                + blocker);
                        assertThat(f.detail()).matches("Blocked by pid " + blocker + " idle in transaction "
                                + "\\(migration, in transaction for 00:00:0\\d\\)\\. Oldest waiter: pid " + blocked
                                + ", application orders-api, user postgres\\.");
                        assertThat(f.evidence()).containsEntry("blockingPids", String.valueOf(blocker))
                                .containsEntry("mode", "AccessShareLock");
                        assertThat(f.remediation())
                                .contains("WHERE pid IN (" + blocker + ");")
                                .contains("# end the blocker's statement first: SELECT pg_cancel_backend("
                                        + blocker + ");")
                                .contains("SELECT pg_terminate_backend(" + blocker + ");");
                    });
            assertThat(PostgresFixtures.run(new LocksCheck(db.targets()))).isEmpty();
        }
    }

    @Test
    void aWaiterThatCallsItselfHealthAuditIsStillReported() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            int blocked = waitingOnALock(db, db.connect("migration"), "health-audit");

            assertThat(PostgresFixtures.run(new LocksCheck(db.targets("lock-wait=300ms")))).singleElement()
                    .satisfies(f -> assertThat(f.detail()).endsWith("Oldest waiter: pid " + blocked
                            + ", application health-audit, user postgres."));
        }
    }

    /**
     * {@code holder} locks a new table orders; a session named {@code application} then waits for it. Returns the
     * waiter's pid once it has waited 300ms.
     */
    private static int waitingOnALock(PostgresFixtures db, Connection holder, String application) throws Exception {
        db.execute("CREATE TABLE orders (id int)");
        holder.setAutoCommit(false);
        PostgresFixtures.execute(holder, "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
        Connection waiter = db.connect(application);
        int blocked = PostgresFixtures.pid(waiter);
        db.background(waiter, "SELECT count(*) FROM orders");
        PostgresFixtures.await("the select to wait 300ms", () -> db.holds("SELECT count(*) = 1 FROM pg_locks "
                + "WHERE pid = " + blocked + " AND NOT granted AND now() - waitstart > interval '300ms'"));
        return blocked;
    }
}
