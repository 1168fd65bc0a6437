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
            db.execute("CREATE TABLE orders (id int)");
            Connection holder = db.connect();
            holder.setClientInfo("ApplicationName", "migration");
            int blocker = PostgresFixtures.pid(holder);
            holder.setAutoCommit(false);
            PostgresFixtures.execute(holder, "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            Connection waiter = db.connect();
            waiter.setClientInfo("ApplicationName", "orders-api");
            int blocked = PostgresFixtures.pid(waiter);
            db.background(waiter, "SELECT count(*) FROM orders");
            PostgresFixtures.await("the select to wait 300ms", () -> db.holds("SELECT count(*) = 1 FROM pg_locks "
                    + "WHERE pid = " + blocked + " AND NOT granted AND now() - waitstart > interval '300ms'"));

            assertThat(PostgresFixtures.run(new LocksCheck(db.targets("lock-wait=300ms")))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.code()).isEqualTo("PG-204");
                        assertThat(f.severity()).isEqualTo(Severity.P1);
                        assertThat(f.resource()).isEqualTo(new Resource("Table", "public", "orders"));
                        assertThat(f.title()).matches("1 session\\(s\\) on " + db.database + " waited up to "
                                + "\\d+\\.\\ds for a AccessShareLock lock on relation orders, held by pid "
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
}
