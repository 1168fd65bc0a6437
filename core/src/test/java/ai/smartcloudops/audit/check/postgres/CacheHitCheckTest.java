package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheHitCheckTest {

    private static final String ACCESSES = "SELECT blks_hit + blks_read FROM pg_stat_database "
            + "WHERE datname = current_database()";

    private static List<Finding> run(CacheHitCheck check, Instant now, Samples samples) throws Exception {
        return PostgresFixtures.context(check, now, samples).findings(check);
    }

    /** Block reads in the database's statistics once they count at least {@code atLeast}. */
    private static long awaitAccesses(PostgresFixtures db, long atLeast) throws Exception {
        PostgresFixtures.await(atLeast + " block reads in pg_stat_database",
                () -> db.holds("SELECT (" + ACCESSES + ") >= " + atLeast));
        try (Connection c = db.connect(); Statement s = c.createStatement(); var rs = s.executeQuery(ACCESSES)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long sample(Samples samples, String counter) {
        return samples.recorded().get(new Sample.Key(PostgresFixtures.TARGET, CacheHitCheck.SOURCE + "." + counter))
                .longValue();
    }

    /** A table of about 30 MB written through the bulk-write ring: a scan of it reads most pages from storage. */
    private static void scanFromStorage(PostgresFixtures db, String table) throws SQLException {
        db.execute("CREATE TABLE " + table + " AS SELECT g AS id, md5(g::text) AS a, md5((g + 1)::text) AS b "
                + "FROM generate_series(1, 300000) g", "SELECT count(*) FROM " + table);
    }

    @Test
    void belowTheMinimumBlockReadsADatabaseIsSilentAndPastItAPoorRatioIsPg301() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE events AS SELECT g AS id, md5(g::text) AS body FROM generate_series(1, 20000) g",
                    "SELECT count(*) FROM events");
            long accesses = awaitAccesses(db, 1000);
            assertThat(accesses).isLessThan(100_000);

            // any block from storage is below a 100 % threshold, but a few thousand reads judge nothing
            assertThat(PostgresFixtures.run(new CacheHitCheck(db.targets("cache-hit-ratio=1.0")))).isEmpty();

            assertThat(PostgresFixtures.run(new CacheHitCheck(db.targets("cache-hit-ratio=1.0",
                    "cache-hit-min-blocks=1000")))).singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("PG-301");
                        assertThat(f.severity()).isEqualTo(Severity.P3);
                        assertThat(f.resource()).isEqualTo(new Resource("Database", null, db.database));
                        assertThat(f.title()).matches("Cache hit ratio of " + db.database + " is \\d+(\\.\\d)?%");
                        assertThat(f.detail()).matches("\\d+ of \\d+ block reads since the statistics were reset at "
                                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC were served from shared buffers "
                                + "\\(threshold 100%, judged from 1000 block reads\\); the rest were read from "
                                + "storage\\.");
                        assertThat(f.evidence()).containsEntry("minBlocks", "1000");
                        assertThat(f.remediation()).contains("SHOW shared_buffers;")
                                .contains("--db-instance-class db.r5.2xlarge");
                    });
        }
    }

    @Test
    void theRatioIsOverTheBlocksReadSinceThePreviousSampleNotSinceTheStatisticsReset() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            CacheHitCheck check = new CacheHitCheck(db.targets("cache-hit-min-blocks=1000"));
            scanFromStorage(db, "page_views");
            awaitAccesses(db, 5000);

            Instant first = Instant.parse("2026-05-01T02:00:00Z");
            Samples run1 = Samples.none();
            assertThat(run(check, first, run1)).singleElement().satisfies(f -> assertThat(f.evidence().get("window"))
                    .startsWith("since the statistics were reset at "));

            // a window of cache hits only: 1,000 reads of a table that stays in shared buffers
            db.execute("CREATE TABLE settings AS SELECT g AS id, md5(g::text) AS value FROM generate_series(1, 1000) g");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (int i = 0; i < 1000; i++) {
                    s.execute("SELECT count(*) FROM settings");
                }
            }
            long sinceReset = awaitAccesses(db, sample(run1, CacheHitCheck.HITS) + sample(run1, CacheHitCheck.READS)
                    + 5000);
            Instant second = Instant.parse("2026-05-01T03:00:00Z");
            Samples run2 = SampleHistory.after(run1, first);

            assertThat(run(check, second, run2)).isEmpty();
            long hits = sample(run2, CacheHitCheck.HITS) - sample(run1, CacheHitCheck.HITS);
            long reads = sample(run2, CacheHitCheck.READS) - sample(run1, CacheHitCheck.READS);
            assertThat(hits + reads).isGreaterThanOrEqualTo(1000);
            assertThat((double) hits / (hits + reads)).isGreaterThanOrEqualTo(0.99);
            // since the reset the ratio is still poor: a ratio over all of it would be PG-301
            assertThat((double) sample(run2, CacheHitCheck.HITS) / sinceReset).isLessThan(0.99);

            scanFromStorage(db, "page_views_today");
            awaitAccesses(db, sinceReset + 5000);
            assertThat(run(check, Instant.parse("2026-05-01T04:00:00Z"), SampleHistory.after(run2, second)))
                    .singleElement().satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.P3);
                        assertThat(f.evidence()).containsEntry("window", "since the previous run at " + second);
                        assertThat(Long.parseLong(f.evidence().get("accesses"))).isLessThan(
                                sample(run2, CacheHitCheck.HITS) + sample(run2, CacheHitCheck.READS));
                        assertThat(f.detail()).startsWith(f.evidence().get("hits") + " of "
                                + f.evidence().get("accesses") + " block reads since the previous run at " + second);
                    });
        }
    }
}
