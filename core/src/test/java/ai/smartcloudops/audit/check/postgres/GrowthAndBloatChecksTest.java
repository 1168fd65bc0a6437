package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PG-310 and PG-311, growth since the previous sample, and PG-312, pghero's index bloat, on an embedded PostgreSQL. */
class GrowthAndBloatChecksTest {

    private static final Instant T0 = Instant.parse("2026-05-01T02:00:00Z");
    private static final String TABLE = "\"events $(id) <b>\"";

    private static List<Finding> run(GrowthCheck check, Instant now, Samples samples) throws Exception {
        return PostgresFixtures.context(check, now, samples).findings(check);
    }

    @Test
    void aDatabaseAndATableThatGrewFasterThanTheThresholdSinceTheirSampleArePg310AndPg311() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE " + TABLE + " (id int, payload text)", "CREATE TABLE settings (k text)",
                    "INSERT INTO settings SELECT md5(g::text) FROM generate_series(1, 20000) g",
                    "INSERT INTO " + TABLE + " SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 20000) g");
            GrowthCheck check = new GrowthCheck(db.targets("growth-min-bytes=1048576", "growth-percent-per-day=10"));
            Samples run1 = Samples.none();
            assertThat(run(check, T0, run1)).isEmpty();   // a first sample judges nothing
            String events = GrowthCheck.SOURCE + " table public." + TABLE;
            assertThat(run1.recorded()).containsKeys(new Sample.Key(PostgresFixtures.TARGET, events),
                    new Sample.Key(PostgresFixtures.TARGET, GrowthCheck.SOURCE + " table public.settings"),
                    new Sample.Key(PostgresFixtures.TARGET, GrowthCheck.SOURCE + " database"));

            db.execute("INSERT INTO " + TABLE + " SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 8000) g");
            Samples run2 = SampleHistory.after(run1, T0);
            List<Finding> findings = run(check, T0.plusSeconds(3600), run2);

            assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource)
                    .containsExactlyInAnyOrder(tuple("PG-310", Severity.P3, new Resource("Database", null, db.database)),
                            tuple("PG-311", Severity.P3, new Resource("Table", "public", "events $(id) <b>")));
            assertThat(findings).filteredOn(f -> f.code().code().equals("PG-311")).singleElement().satisfies(f -> {
                assertThat(f.title()).matches("Table public\\.events \\$\\(id\\) <b> grew \\d+(\\.\\d)? MiB "
                        + "\\(\\+[34]\\d(\\.\\d)?%\\) since 2026-05-01T02:00:00Z");
                assertThat(f.detail()).matches("From \\d+(\\.\\d)? MiB to \\d+(\\.\\d)? MiB with its indexes and TOAST: "
                        + "\\d+(\\.\\d)? MiB \\(\\d+(\\.\\d)?%\\) a day, past 10% a day and 1 MiB in all\\. .*");
                // quoted for the shell inside the double-quoted SQL: pasted, psql gets 'public."events $(id) <b>"'
                assertThat(f.remediation())
                        .contains("pg_indexes_size(\"''\\''public.\"events $(id) <b>\"'\\'''\"::regclass)")
                        .contains("-c 'VACUUM (VERBOSE, ANALYZE) public.\"events $(id) <b>\";'");
            });
            assertThat(findings).filteredOn(f -> f.code().code().equals("PG-310")).singleElement().satisfies(f ->
                    assertThat(f.detail()).matches("From \\d+(\\.\\d)? MiB to \\d+(\\.\\d)? MiB: \\d+(\\.\\d)? "
                            + "[MG]iB \\(\\d+(\\.\\d)?%\\) a day, past 10% a day and 1 MiB in all\\. .*"));
            // settings did not move: its sample of the first run stays the one to compare with
            assertThat(run2.recorded()).containsKey(new Sample.Key(PostgresFixtures.TARGET, events))
                    .doesNotContainKey(new Sample.Key(PostgresFixtures.TARGET, GrowthCheck.SOURCE
                            + " table public.settings"));

            // the same growth over ten days is a few percent a day: below the threshold; and a shrink is no growth
            assertThat(run(check, T0.plusSeconds(10 * 86400), SampleHistory.after(run1, T0))).isEmpty();
            db.execute("TRUNCATE " + TABLE);
            assertThat(run(check, T0.plusSeconds(7200), SampleHistory.after(run2, T0.plusSeconds(3600)))).isEmpty();
        }
    }

    /** A table's size waits behind an ACCESS EXCLUSIVE lock: a locked table is left for a later run, not waited for. */
    @Test
    void aTableAMigrationHoldsLockedIsLeftOutAndTheRestIsRead() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE payments (id int)", "CREATE TABLE settings (k text)");
            GrowthCheck check = new GrowthCheck(db.targets());
            try (Connection migration = db.connect(); Statement s = migration.createStatement()) {
                migration.setAutoCommit(false);
                s.execute("LOCK TABLE payments IN ACCESS EXCLUSIVE MODE");
                Samples run = Samples.none();

                assertThat(run(check, T0, run)).isEmpty();
                assertThat(run.recorded().keySet()).extracting(Sample.Key::name).contains(GrowthCheck.SOURCE
                        + " database", GrowthCheck.SOURCE + " table public.settings")
                        .doesNotContain(GrowthCheck.SOURCE + " table public.payments");
                migration.rollback();
            }
        }
    }

    @Test
    void anIndexMuchLargerThanItsRowsNeedIsPg312AndAFreshOneIsNot() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE \"orders'; --\" (id int, status text)",
                    "INSERT INTO \"orders'; --\" SELECT g, 'open' FROM generate_series(1, 200000) g",
                    "CREATE INDEX \"=HYPERLINK(id)\" ON \"orders'; --\" (id)",
                    "CREATE TABLE fresh AS SELECT g AS id FROM generate_series(1, 200000) g",
                    "CREATE INDEX fresh_id ON fresh (id)",
                    // nine rows in ten go: their index pages stay, mostly empty
                    "DELETE FROM \"orders'; --\" WHERE id % 10 <> 0",
                    "VACUUM ANALYZE \"orders'; --\"", "VACUUM ANALYZE fresh");

            List<Finding> findings = PostgresFixtures.run(new IndexBloatCheck(db.targets("index-bloat-bytes=1048576",
                    "index-bloat-percent=50")));

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("PG-312");
                assertThat(f.severity()).isEqualTo(Severity.P3);
                assertThat(f.resource()).isEqualTo(new Resource("Index", "public", "=HYPERLINK(id)"));
                assertThat(f.title()).matches("Index public\\.=HYPERLINK\\(id\\) on \"orders'; --\" is about "
                        + "(8\\d|9\\d)(\\.\\d)?% bloat \\(\\d+(\\.\\d)? MiB of 4\\.\\d MiB\\)");
                assertThat(f.detail()).matches("Estimated from its rows, their width in the statistics and its "
                        + "fillfactor 90: it needs about \\d+(\\.\\d)? KiB; .*");
                assertThat(f.remediation()).contains("pgstatindex(\"''\\''public.\"=HYPERLINK(id)\"'\\'''\")")
                        .contains("-c 'REINDEX INDEX CONCURRENTLY public.\"=HYPERLINK(id)\";'");
            });
            assertThat(PostgresFixtures.run(new IndexBloatCheck(db.targets("index-bloat-bytes=1048576",
                    "index-bloat-percent=95")))).isEmpty();
        }
    }
}
