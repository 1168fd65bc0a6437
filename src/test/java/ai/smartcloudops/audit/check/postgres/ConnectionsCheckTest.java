package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionsCheckTest {

    @Test
    void connectionsAtTheWarningPercentAreP2AndAtTheCriticalPercentP1() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            for (int i = 0; i < 3; i++) {
                Connection c = db.connect();
                c.setClientInfo("ApplicationName", "orders-api");
            }
            db.connect().setAutoCommit(false);

            List<Finding> warn = PostgresFixtures.run(new ConnectionsCheck(db.targets("connections-warn-percent=1")));
            List<Finding> critical = PostgresFixtures.run(new ConnectionsCheck(
                    db.targets("connections-warn-percent=1", "connections-critical-percent=1")));

            assertThat(warn).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("PG-102");
                assertThat(f.severity()).isEqualTo(Severity.P2);
                assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                assertThat(f.title()).matches("Connections at [1-9]\\d?% of max_connections on " + db.database);
                assertThat(f.detail()).containsPattern("\\d+ of 200 connections in use \\(3 reserved for superusers\\)")
                        .contains("by state: ").contains("active ").contains("idle ")
                        .contains("top applications: ").contains("orders-api 3")
                        .contains("Thresholds 1% (P2) and 95% (P1)");
                assertThat(f.remediation())
                        .contains("psql -h $DB_HOST -U smartcloudops_admin -d " + db.database + " -c \"SELECT "
                                + "application_name, state, count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;\"")
                        .contains("print(f'Pool size: {pool.size()}')")
                        .contains("DATABASE_POOL_SIZE: \"20\"");
            });
            assertThat(critical).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("PG-102");
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.detail()).contains("Thresholds 1% (P2) and 1% (P1)");
            });
            assertThat(PostgresFixtures.run(new ConnectionsCheck(db.targets()))).isEmpty();
        }
    }
}
