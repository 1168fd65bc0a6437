package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
                        assertThat(f.detail()).matches("The slowest averages 3\\d(\\.\\d)?ms over 25 calls since "
                                + "pg_stat_statements was reset at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC "
                                + "\\(pg_stat_statements, statements with at least 20 calls in that window\\); the top 1 .*");
                        assertThat(f.evidence().get("queryid " + queryId)).matches(
                                "mean 3\\d(\\.\\d)?ms over 25 calls, total \\d+(\\.\\d+)?(µs|ms|s): SELECT pg_sleep\\(\\$1\\)");
                        assertThat(f.remediation()).contains("""
                                SELECT query, mean_exec_time, calls, total_exec_time
                                FROM pg_stat_statements
                                ORDER BY mean_exec_time DESC
                                LIMIT 10;""").contains("REINDEX DATABASE " + db.database + ";");
                    });
            assertThat(PostgresFixtures.run(new StatementsCheck(db.targets("slow-min-calls=26")))).isEmpty();
        }
    }

    /**
     * A statement slow for years but fast since the previous run is not PG-202, and one fast for years that became
     * slow since the previous run is, judged on its calls of the window, with its lifetime mean beside.
     */
    @Test
    void theMeanIsOverTheCallsSinceThePreviousRunNotTheLifetime() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE EXTENSION pg_stat_statements");
            db.execute("CREATE TABLE t1 AS SELECT 1 AS id");
            db.execute("CREATE TABLE t2 AS SELECT 1 AS id");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (int i = 0; i < 20; i++) {
                    s.execute("SELECT pg_sleep(0.03) FROM t1 WHERE id = 1");   // slow until now
                }
                for (int i = 0; i < 200; i++) {
                    s.execute("SELECT pg_sleep(0.0) FROM t2 WHERE id = 1");   // fast until now
                }
            }
            StatementsCheck check = new StatementsCheck(db.targets("slow-min-calls=10", "slow-mean-millis=20"));
            Instant first = Instant.parse("2026-05-01T02:00:00Z");
            Samples run1 = Samples.none();
            assertThat(PostgresFixtures.context(check, first, run1).findings(check)).singleElement()
                    .satisfies(f -> assertThat(f.detail()).contains("over 20 calls since pg_stat_statements was reset"));

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (int i = 0; i < 20; i++) {
                    s.execute("SELECT pg_sleep(0.0) FROM t1 WHERE id = 1");
                    s.execute("SELECT pg_sleep(0.05) FROM t2 WHERE id = 1");
                }
            }
            Samples run2 = SampleHistory.after(run1, first);
            assertThat(PostgresFixtures.context(check, Instant.parse("2026-05-01T03:00:00Z"), run2).findings(check))
                    .singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-202");
                        assertThat(f.title()).isEqualTo("1 statements take 20ms or more per call on " + db.database);
                        assertThat(f.detail()).matches("The slowest averages 5\\d(\\.\\d)?ms over 20 calls since the "
                                + "previous run at 2026-05-01T02:00:00Z \\(.*");
                        assertThat(f.evidence().values()).anySatisfy(line -> assertThat(line).matches("mean 5\\d(\\.\\d)?ms "
                                + "over 20 calls, total \\d+(\\.\\d+)?m?s; lifetime mean \\d+(\\.\\d+)?ms over 220 calls: "
                                + "SELECT pg_sleep\\(\\$1\\) FROM t2 WHERE id = \\$2"));
                    });
            // both changed since the first run, so both were sampled again; unchanged since, neither is sampled by
            // the third run, whose window still reads their samples of the second
            List<String> sleeps = new ArrayList<>();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT queryid FROM pg_stat_statements WHERE query LIKE "
                         + "'SELECT pg_sleep($1) FROM t_ WHERE id = $2'")) {
                while (rs.next()) {
                    sleeps.add(StatementsCheck.SOURCE + " " + rs.getString(1) + " calls");
                }
            }
            assertThat(sleeps).hasSize(2);
            assertThat(run2.recorded().keySet()).extracting(Sample.Key::name).containsAll(sleeps);
            Samples run3 = SampleHistory.after(run2, Instant.parse("2026-05-01T03:00:00Z"));
            assertThat(PostgresFixtures.context(check, Instant.parse("2026-05-01T04:00:00Z"), run3).findings(check))
                    .isEmpty();
            assertThat(run3.recorded().keySet()).extracting(Sample.Key::name).doesNotContainAnyElementsOf(sleeps)
                    .contains(StatementsCheck.SOURCE + ".origin");
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
