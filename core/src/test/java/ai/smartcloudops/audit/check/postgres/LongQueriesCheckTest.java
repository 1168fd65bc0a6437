package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LongQueriesCheckTest {

    @Test
    void aQueryRunningPastTheThresholdIsPg201WithItsTextWithoutLiterals() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            int pid = runningOneSecond(db, "reports", "SELECT pg_sleep(30), 'customer-42@example.com' AS email");

            assertThat(PostgresFixtures.run(new LongQueriesCheck(db.targets("long-query=1s")))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-201");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).isEqualTo("1 queries running longer than 1s on " + db.database);
                        assertThat(f.detail()).matches("Longest first: pid " + pid
                                + " for \\d+(\\.\\d+)?(µs|ms|s), wait Timeout/PgSleep \\(reports\\)\\.");
                        assertThat(f.evidence()).containsEntry("pid " + pid, "SELECT pg_sleep(?), ? AS email");
                        assertThat(f.evidence().toString()).doesNotContain("customer-42");
                        assertThat(f.remediation()).contains("# cancel the statement (the session stays): "
                                + "SELECT pg_cancel_backend(" + pid + ");");
                    });
            assertThat(PostgresFixtures.run(new LongQueriesCheck(db.targets()))).isEmpty();
        }
    }

    @Test
    void aClientThatCallsItselfHealthAuditIsReportedAndTheAuditsOwnSessionsAreNot() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            int pid = runningOneSecond(db, "health-audit", "SELECT pg_sleep(30)");
            PostgresTargets targets = db.targets("long-query=1s");
            LongQueriesCheck check = new LongQueriesCheck(targets);
            ExecutorService audit = Executors.newSingleThreadExecutor();
            try {
                // another check of the same run, on its own connection, in a statement as slow as the client's
                Future<Integer> own = audit.submit(() -> targets.withConnection(PostgresFixtures.context(check),
                        c -> Sql.one(c, "SELECT pg_backend_pid() FROM pg_sleep(3)", rs -> rs.getInt(1))));
                PostgresFixtures.await("both to run 1s", () -> db.holds("SELECT count(*) = 2 FROM pg_stat_activity "
                        + "WHERE application_name = 'health-audit' AND state = 'active' "
                        + "AND now() - query_start > interval '1.1s'"));

                List<Finding> findings = PostgresFixtures.run(check);

                int ownPid = own.get(10, TimeUnit.SECONDS);
                assertThat(findings).singleElement().satisfies(f -> {
                    assertThat(f.title()).startsWith("1 queries running longer than 1s");
                    assertThat(f.evidence()).containsKey("pid " + pid).doesNotContainKey("pid " + ownPid);
                });
            } finally {
                audit.shutdownNow();
            }
        }
    }

    /** Starts {@code sql} on a session named {@code application}; returns its pid once it has run 1s. */
    private static int runningOneSecond(PostgresFixtures db, String application, String sql) throws Exception {
        Connection slow = db.connect(application);
        int pid = PostgresFixtures.pid(slow);
        db.background(slow, sql);
        PostgresFixtures.await("the query to run 1s", () -> db.holds("SELECT count(*) = 1 FROM pg_stat_activity "
                + "WHERE pid = " + pid + " AND state = 'active' AND now() - query_start > interval '1.1s'"));
        return pid;
    }

    @Test
    void literalsAreRemovedAndLongTextsTruncated() {
        assertThat(Sql.redact("UPDATE t SET a = 'x''y', b = 3.5, c = $tag$body$tag$ WHERE id = $1 AND t2.c1 = -7"))
                .isEqualTo("UPDATE t SET a = ?, b = ?, c = ? WHERE id = $1 AND t2.c1 = ?");
        assertThat(Sql.redact("SELECT " + "x, ".repeat(100))).hasSize(200).endsWith("…");
    }
}
