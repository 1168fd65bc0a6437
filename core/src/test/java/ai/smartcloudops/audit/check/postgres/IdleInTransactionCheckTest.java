package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class IdleInTransactionCheckTest {

    @Test
    void aSessionIdleInTransactionPastTheThresholdIsPg103WithoutItsQuery() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            Connection idle = db.connect("orders-worker");
            int pid = PostgresFixtures.pid(idle);
            idle.setAutoCommit(false);
            PostgresFixtures.execute(idle, "SELECT 'card-4111' AS secret");
            Thread.sleep(700);

            assertThat(PostgresFixtures.run(new IdleInTransactionCheck(db.targets("idle-in-transaction=500ms"))))
                    .singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-103");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).isEqualTo("1 sessions idle in transaction for longer than 500ms on "
                                + db.database);
                        assertThat(f.detail()).matches("Oldest first: pid " + pid + " idle in transaction for "
                                + "\\d+(\\.\\d+)?(µs|ms|s) \\(orders-worker, user postgres\\)\\. An open transaction .*");
                        assertThat(f.remediation())
                                .contains("# ALTER DATABASE " + db.database
                                        + " SET idle_in_transaction_session_timeout = '5min';")
                                .contains("# SELECT pg_terminate_backend(" + pid + ");");
                        assertThat(String.valueOf(f.evidence()) + f.detail()).doesNotContain("card-4111");
                    });
            assertThat(PostgresFixtures.run(new IdleInTransactionCheck(db.targets("idle-in-transaction=1h"))))
                    .isEmpty();
        }
    }

    @Test
    void aSessionThatCallsItselfHealthAuditIsStillReported() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            Connection impostor = db.connect("health-audit");
            impostor.setAutoCommit(false);
            PostgresFixtures.execute(impostor, "SELECT 1");
            Thread.sleep(700);

            assertThat(PostgresFixtures.run(new IdleInTransactionCheck(db.targets("idle-in-transaction=500ms"))))
                    .singleElement().satisfies(f -> assertThat(f.detail()).startsWith("Oldest first: pid "
                            + PostgresFixtures.pid(impostor) + " idle in transaction"));
        }
    }
}
