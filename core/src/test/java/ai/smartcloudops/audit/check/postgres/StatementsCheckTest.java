package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class StatementsCheckTest {

    @Test
    void slowStatementsOfTheDatabaseArePg202TopByMeanTime() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE EXTENSION pg_stat_statements");
            String queryId;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (int i = 0; i < 25; i++) {
                    s.execute("SELECT pg_sleep(0.03)");
                    s.execute("SELECT 1");
                }
                try (ResultSet rs = s.executeQuery("SELECT queryid FROM pg_stat_statements s JOIN pg_database d "
                        + "ON d.oid = s.dbid WHERE d.datname = current_database() AND query = 'SELECT pg_sleep($1)'")) {
                    rs.next();
                    queryId = rs.getString(1);
                }
            }

            assertThat(PostgresFixtures.run(new StatementsCheck(db.targets("slow-min-calls=20"))))
                    .singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-202");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).isEqualTo("1 statements take 20ms or more per call on " + db.database);
                        assertThat(f.detail()).matches("The slowest averages 3\\d(\\.\\d)?ms over 25 calls "
                                + "\\(pg_stat_statements, statements with at least 20 calls\\); the top 1 .*");
                        assertThat(f.evidence().get("queryid " + queryId))
                                .matches("mean 3\\d(\\.\\d)?ms, 25 calls, total \\d+(\\.\\d+)?(µs|ms|s): SELECT pg_sleep\\(\\$1\\)");
                        assertThat(f.remediation()).contains("""
                                SELECT query, mean_exec_time, calls, total_exec_time
                                FROM pg_stat_statements
                                ORDER BY mean_exec_time DESC
                                LIMIT 10;""").contains("REINDEX DATABASE " + db.database + ";");
                    });
            assertThat(PostgresFixtures.run(new StatementsCheck(db.targets("slow-min-calls=26")))).isEmpty();
        }
    }

    @Test
    void withoutTheExtensionItIsPg203SayingHowToEnableIt() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            assertThat(PostgresFixtures.run(new StatementsCheck(db.targets()))).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("PG-203");
                assertThat(f.severity()).isEqualTo(Severity.P3);
                assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                assertThat(f.title()).isEqualTo("pg_stat_statements is not available on " + db.database);
                assertThat(f.detail()).startsWith("The extension is not created in " + db.database + ": ");
                assertThat(f.remediation()).contains("shared_preload_libraries = 'pg_stat_statements'")
                        .contains("aws rds reboot-db-instance --db-instance-identifier $RDS_INSTANCE")
                        .contains("-d " + db.database + " -c \"CREATE EXTENSION IF NOT EXISTS pg_stat_statements;\"");
            });
        }
    }
}
