package ai.smartcloudops.audit.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's reporting database, on its own embedded server: a server started without pg_stat_statements, whose
 * 1 MB of shared_buffers is a quarter of the page-view table that its reports read by sequential scans. Such scans
 * go through a small ring of buffers, so nearly every block comes from storage: a cache hit ratio far below 99 %,
 * the real thing at the demo's scale. It keeps the default thresholds but one: the ratio is judged from
 * {@value #MIN_BLOCKS} block reads (the reports read some 10,000, not the default's 100,000). Its own server,
 * because the main server's physical replication slot would show on every database of that server, and its
 * shared_buffers would lower the main database's ratio too.
 */
public final class DemoAnalyticsDatabase implements DemoPart {

    public static final String NAME = "smartcloudops-analytics-db";
    public static final String DATABASE = "analytics";
    /** Its server's name in the audit's configuration, stable from one demo to the next. */
    static final String SERVER = "smartcloudops-analytics-server";
    /** The audit's settings of this database. */
    static final String PREFIX = "--health-audit.postgres.databases[1].";

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = Map.of(
            "PG-203", "Database/" + DATABASE,    // pg_stat_statements is not there to ask
            "PG-301", "Database/" + DATABASE,    // the reports' scans read past shared_buffers
            "PG-309", "Table/public/page_views"); // ... every one of them sequential: no index on path

    /**
     * The faults from a demo's second run on: growth since the previous run's sample. The event log grows by
     * {@value #EVENT_LOG_STEP_ROWS} rows (about 2 MiB) with each demo run, as a log table nothing purges grows between
     * two nightly runs; after {@value #EVENT_LOG_STEPS} runs it starts small again (that run shows no growth).
     */
    public static final Map<String, String> GROWTH = Map.of(
            "PG-310", "Database/" + DATABASE,
            "PG-311", "Table/public/event_log");

    private static final int EVENT_LOG_STEP_ROWS = 9_000;
    private static final int EVENT_LOG_STEPS = 16;
    /** Block reads from which the audit judges this database's cache hit ratio (PG-301). */
    private static final int MIN_BLOCKS = 5_000;
    private static final int ROWS = 40_000;
    private static final int REPORTS = 20;

    private final EmbeddedPostgres server;

    private DemoAnalyticsDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    /** @param runs the file counting the demo runs, which makes the event log grow from one to the next */
    public static DemoAnalyticsDatabase start(Path dataDir, Path runs) {
        int run = nextRun(runs);
        EmbeddedPostgres server = DemoDatabase.server(dataDir, DATABASE, Map.of("shared_buffers", "1MB"));
        try {
            seed(DemoDatabase.url(server.getPort(), DATABASE), run);
            return new DemoAnalyticsDatabase(server);
        } catch (SQLException | RuntimeException e) {
            DemoDatabase.closeQuietly(server);
            throw new IllegalStateException("cannot seed the demo analytics database: " + e.getMessage(), e);
        }
    }

    /** Spring arguments that point the audit at this database. */
    @Override
    public List<String> properties() {
        List<String> properties = new ArrayList<>(DemoDatabase.arguments(PREFIX, NAME, SERVER,
                DemoDatabase.url(server.getPort(), DATABASE)));
        properties.add(PREFIX + "thresholds.cache-hit-min-blocks=" + MIN_BLOCKS);
        properties.add(PREFIX + "thresholds.growth-min-bytes=" + 1024 * 1024);
        return properties;
    }

    /** This demo run's number, 1 to {@value #EVENT_LOG_STEPS}, counted in {@code counter}. */
    private static int nextRun(Path counter) {
        int previous;
        try {
            previous = Integer.parseInt(Files.readString(counter).strip());
        } catch (IOException | NumberFormatException e) {
            previous = 0;   // the first demo here, or a counter that is not one: start small
        }
        int run = Math.floorMod(previous, EVENT_LOG_STEPS) + 1;
        try {
            Files.createDirectories(counter.getParent());
            Files.writeString(counter, Integer.toString(run));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count the demo runs in " + counter, e);
        }
        return run;
    }

    /**
     * A page-view table of about 4 MB, no index, and reports that scan it; an event log of {@code run} steps of about
     * 2 MiB.
     */
    private static void seed(String url, int run) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, DemoDatabase.USER, DemoDatabase.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE page_views (viewed_at timestamptz, path text, referrer text)");
            s.execute("INSERT INTO page_views SELECT now() - g * interval '1 second', '/dashboard/' || g % 50, "
                    + "'https://smartcloudops.ai/' || md5(g::text) FROM generate_series(1, " + ROWS + ") g");
            s.execute("CREATE TABLE event_log (id int, payload text)");
            s.execute("INSERT INTO event_log SELECT g, repeat(md5(g::text), 6) FROM generate_series(1, "
                    + run * EVENT_LOG_STEP_ROWS + ") g");
            for (int i = 0; i < REPORTS; i++) {
                s.execute("SELECT path, count(*) FROM page_views GROUP BY path");
            }
            awaitRatio(s);
        }
    }

    /**
     * Waits until the reports' reads are counted (most pages of the table read from storage by every report: a
     * scan that follows another finds only the last few in the ring), past {@value #MIN_BLOCKS}, and the ratio is
     * below 99 %.
     */
    private static void awaitRatio(Statement s) throws SQLException {
        DemoDatabase.awaitStatistics(s, """
                SELECT blks_read >= %d * pg_relation_size('page_views') / current_setting('block_size')::int / 2
                       AND blks_hit + blks_read >= %d AND blks_hit < 0.99 * (blks_hit + blks_read)
                FROM pg_stat_database WHERE datname = current_database()""".formatted(REPORTS, MIN_BLOCKS),
                "the analytics reports' reads from storage to be counted");
    }

    @Override
    public void close() {
        DemoDatabase.closeQuietly(server);
    }
}
