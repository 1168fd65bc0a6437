package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class LongQueriesCheckTest {

    @Test
    void aQueryRunningPastTheThresholdIsPg201WithItsTextWithoutLiterals() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            Connection slow = db.connect();
            slow.setClientInfo("ApplicationName", "reports");
            int pid = PostgresFixtures.pid(slow);
            db.background(slow, "SELECT pg_sleep(30), 'customer-42@example.com' AS email");
            PostgresFixtures.await("the query to run 1s", () -> db.holds("SELECT count(*) = 1 FROM pg_stat_activity "
                    + "WHERE pid = " + pid + " AND state = 'active' AND now() - query_start > interval '1.1s'"));

            assertThat(PostgresFixtures.run(new LongQueriesCheck(db.targets("long-query=1s")))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.code()).isEqualTo("PG-201");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).isEqualTo("1 queries running longer than 1s on " + db.database);
                        assertThat(f.detail()).matches("Longest first: pid " + pid
                                + " for \\d+\\.\\ds, wait Timeout/PgSleep \\(reports\\)\\.");
                        assertThat(f.evidence()).containsEntry("pid " + pid, "SELECT pg_sleep(?), ? AS email");
                        assertThat(f.evidence().toString()).doesNotContain("customer-42");
                        assertThat(f.remediation()).contains("# cancel the statement (the session stays): "
                                + "SELECT pg_cancel_backend(" + pid + ");");
                    });
            assertThat(PostgresFixtures.run(new LongQueriesCheck(db.targets()))).isEmpty();
        }
    }

    @Test
    void literalsAreRemovedAndLongTextsTruncated() {
        assertThat(Sql.redact("UPDATE t SET a = 'x''y', b = 3.5, c = $tag$body$tag$ WHERE id = $1 AND t2.c1 = -7"))
                .isEqualTo("UPDATE t SET a = ?, b = ?, c = ? WHERE id = $1 AND t2.c1 = ?");
        assertThat(Sql.redact("SELECT " + "x, ".repeat(100))).hasSize(200).endsWith("…");
    }
}
