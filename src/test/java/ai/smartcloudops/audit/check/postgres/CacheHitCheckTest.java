package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;

class CacheHitCheckTest {

    @Test
    void aHitRatioBelowTheThresholdIsPg301OnceEnoughBlocksWereRead() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE events AS SELECT g AS id, md5(g::text) AS body FROM generate_series(1, 20000) g",
                    "SELECT count(*) FROM events");
            PostgresFixtures.await("block reads in pg_stat_database", () -> db.holds("SELECT blks_read > 0 AND "
                    + "blks_hit + blks_read >= 1000 FROM pg_stat_database WHERE datname = current_database()"));

            assertThat(PostgresFixtures.run(new CacheHitCheck(db.targets("cache-hit-ratio=1.0")))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.code()).isEqualTo("PG-301");
                        assertThat(f.severity()).isEqualTo(Severity.P3);
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).matches("Cache hit ratio of " + db.database + " is \\d+\\.\\d%");
                        assertThat(f.detail()).matches("\\d+ of \\d+ block reads since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC "
                                + "were served from shared buffers \\(threshold 100\\.0%\\); .*");
                        assertThat(f.remediation()).contains("SHOW shared_buffers;")
                                .contains("--db-instance-class db.r5.2xlarge");
                    });
            assertThat(PostgresFixtures.run(new CacheHitCheck(db.targets("cache-hit-ratio=0.0")))).isEmpty();
        }
    }
}
