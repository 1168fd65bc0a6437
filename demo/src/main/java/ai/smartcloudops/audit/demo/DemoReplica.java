package ai.smartcloudops.audit.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A read replica of an embedded PostgreSQL with a primary that keeps writing, as production's does, so that
 * replay lag is measurable from both sides: the primary's pg_stat_replication interpolates its replay_lag only
 * between WAL it keeps sending. In the demo its replay is paused and it falls further behind every second.
 */
public final class DemoReplica implements DemoPart {

    public static final String NAME = "smartcloudops-db-replica";
    /** Its replication slot on the primary, which names it in the primary's findings. */
    public static final String SLOT = slot(NAME);

    /** The fault, by the code it raises on the primary's server. */
    public static final Map<String, String> FAULTS = Map.of("PG-401", "Replica/" + SLOT);

    /** The lag the demo reports: the default of 5 s would hold the demo up for as long. */
    private static final Duration DEMO_LAG = Duration.ofSeconds(1);
    private static final long WRITE_MILLIS = 50;

    private final EmbeddedStandby standby;
    private final int primaryPort;
    private final String user;
    private final String password;
    private final ScheduledExecutorService writer;

    private DemoReplica(EmbeddedStandby standby, int primaryPort, String user, String password) {
        this.standby = standby;
        this.primaryPort = primaryPort;
        this.user = user;
        this.password = password;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-replica-primary-writes");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A caught-up replica named {@code name} of the server on {@code primaryPort}, its data in {@code dataDir},
     * streaming through a physical replication slot named after it ({@link #slot}), as a managed replica does: the
     * slot, not the walsender's pid, names it from one start to the next.
     */
    public static DemoReplica start(int primaryPort, String user, String password, String name, Path dataDir) {
        String slot = slot(name);
        query(primaryPort, user, password, "SELECT pg_create_physical_replication_slot('" + slot + "') WHERE NOT EXISTS "
                + "(SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "')");
        DemoReplica replica = new DemoReplica(EmbeddedStandby.start(primaryPort, user, password, name,
                Map.of("primary_slot_name", slot), dataDir), primaryPort, user, password);
        try {
            replica.execute(primaryPort, "CREATE TABLE IF NOT EXISTS replication_heartbeat (written timestamptz)");
            replica.writer.scheduleWithFixedDelay(replica::write, 0, WRITE_MILLIS, TimeUnit.MILLISECONDS);
            replica.awaitCaughtUp();
            return replica;
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
    }

    /** The demo's replica of its database: paused, and already further behind than the demo's threshold. */
    static DemoReplica lagging(DemoDatabase primary, Path dataDir) {
        DemoReplica replica = start(primary.port(), DemoDatabase.USER, DemoDatabase.PASSWORD, NAME, dataDir);
        try {
            replica.pauseReplay();
            replica.awaitPrimaryLag(DEMO_LAG);
            return replica;
        } catch (RuntimeException e) {
            replica.close();
            throw e;
        }
    }

    /** Spring arguments of the demo's fault: the demo database's lag threshold, which it exceeds. */
    @Override
    public List<String> properties() {
        return List.of(DemoDatabase.PREFIX + "thresholds.replication-lag=" + DEMO_LAG.toMillis() + "ms");
    }

    public int port() {
        return standby.port();
    }

    public void pauseReplay() {
        execute(standby.port(), "SELECT pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        execute(standby.port(), "SELECT pg_wal_replay_resume()");
    }

    /** Waits until the primary reports a replay lag of this replica of at least {@code lag}. */
    public void awaitPrimaryLag(Duration lag) {
        await("a replay lag of " + lag.toMillis() + " ms", "SELECT count(*) > 0 FROM pg_stat_replication "
                + "WHERE replay_lag >= make_interval(secs => " + lag.toMillis() / 1000.0 + ")");
    }

    /** Waits until the replica has replayed everything the primary had written when this was called. */
    public void awaitCaughtUp() {
        String lsn = query(primaryPort, "SELECT pg_current_wal_lsn()::text");
        await("the replay of " + lsn, "SELECT count(*) > 0 FROM pg_stat_replication "
                + "WHERE replay_lsn >= '" + lsn + "'::pg_lsn");
    }

    @Override
    public void close() {
        writer.shutdownNow();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            standby.close();
        }
    }

    private void write() {
        try {
            execute(primaryPort, "INSERT INTO replication_heartbeat VALUES (now())");
        } catch (IllegalStateException e) {
            // the primary is stopping: the demo is closing
        }
    }

    private void await(String what, String condition) {
        for (int i = 0; i < 200; i++) {
            if ("t".equals(query(primaryPort, condition))) {
                return;
            }
            DemoDatabase.sleep(50);
        }
        throw new IllegalStateException("replica " + standby.port() + ": no " + what + " within 10 s");
    }

    /** The replication slot of a replica named {@code name}: a slot name is lower case letters, digits and _. */
    public static String slot(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private void execute(int port, String sql) {
        query(port, sql);
    }

    private String query(int port, String sql) {
        return query(port, user, password, sql);
    }

    /** The first column of the first row {@code sql} returns on the server on {@code port}, if it returns one. */
    public static String query(int port, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", user,
                password); Statement s = c.createStatement()) {
            if (!s.execute(sql)) {
                return null;
            }
            try (ResultSet rs = s.getResultSet()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("localhost:" + port + ": " + e.getMessage(), e);
        }
    }
}
