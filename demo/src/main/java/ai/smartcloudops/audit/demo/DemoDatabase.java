package ai.smartcloudops.audit.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The demo's application database: an embedded server (zonky) with pg_stat_statements, holding a database
 * "smartcloudops" seeded with one fault per PostgreSQL code that can be shown on a laptop: slow statements, a
 * bloated table with autovacuum off, an invalid and an unused index, a sequence near its maximum, an abandoned
 * replication slot, and — held by connections kept open until {@link #close()} — a session idle in transaction
 * holding a lock that a running query waits for. The audit reaches it with a role and password, exactly as it reaches RDS.
 */
public final class DemoDatabase implements DemoPart {

    public static final String NAME = "smartcloudops-db";
    public static final String DATABASE = "smartcloudops";
    /**
     * The name of its server in the audit's configuration: the server's findings keep it from one demo to the next,
     * where host:port (a random free port) would make them new every time.
     */
    public static final String SERVER = "smartcloudops-db-primary";
    public static final String SLOT = "analytics_replica";

    /** The faulty objects, by the code each one should raise. */
    public static final Map<String, String> FAULTS = faults(DATABASE, SERVER);

    /**
     * Thresholds that let a database seeded seconds ago, with a handful of sessions and transactions, show its
     * faults: a production database reaches the defaults by size and age. They are this database's own: the
     * other demo databases keep the defaults.
     */
    public static final List<String> THRESHOLDS = List.of(
            "slow-min-calls=20", "unused-index-bytes=65536", "idle-in-transaction=0s", "long-query=0s",
            "lock-wait=0s", "round-trip=0ms", "connections-warn-percent=1", "wraparound-age=1",
            // the session table the seeding sweeps (16,000 rows): the demo's missing index is the analytics one's
            "missing-index-rows=18000", "index-bloat-bytes=1048576");

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    /** The audit's settings of this database: its name, how to reach it and its thresholds. */
    static final String PREFIX = "--health-audit.postgres.databases[0].";

    private final EmbeddedPostgres server;
    private final Faults faults;

    private DemoDatabase(EmbeddedPostgres server, Faults faults) {
        this.server = server;
        this.faults = faults;
    }

    /** The codes {@link #seed} raises on a database of the given name, on the server of the given name. */
    public static Map<String, String> faults(String database, String server) {
        Map<String, String> faults = new TreeMap<>();
        faults.put("PG-101", "Database/" + database);
        faults.put("PG-102", "Server/" + server);
        faults.put("PG-103", "Database/" + database);
        faults.put("PG-201", "Database/" + database);
        faults.put("PG-202", "Database/" + database);
        faults.put("PG-204", "Table/public/payment_batches");
        faults.put("PG-302", "Table/public/user_sessions");
        faults.put("PG-304", "Index/public/customers_email_key");
        faults.put("PG-305", "Index/public/orders_legacy_status");
        faults.put("PG-303", "Database/" + database);
        faults.put("PG-306", "Sequence/public/invoice_number_seq");
        faults.put("PG-307", "Index/public/order_notes_order");
        faults.put("PG-308", "Constraint/public/orders_total_positive");
        faults.put("PG-312", "Index/public/order_events_created");
        faults.put("PG-402", "ReplicationSlot/" + SLOT);
        return Collections.unmodifiableMap(faults);
    }

    public static DemoDatabase start(Path dataDir) {
        EmbeddedPostgres server = server(dataDir, DATABASE, Map.of("shared_preload_libraries", "pg_stat_statements"));
        try {
            return new DemoDatabase(server, seed(url(server.getPort(), DATABASE), USER, PASSWORD));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(server);
            throw new IllegalStateException("cannot seed the demo PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * A fresh embedded server in {@code dataDir} (a previous demo's server there is cleared) with the given server
     * settings and an empty database of the given name, reached as {@link #USER}.
     */
    static EmbeddedPostgres server(Path dataDir, String database, Map<String, String> settings) {
        EmbeddedPostgres server = null;
        try {
            if (Files.exists(dataDir.resolve("PG_VERSION"))) {
                clear(dataDir);   // a previous demo's server: the demo seeds a fresh one
            }
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(true);
            settings.forEach(builder::setServerConfig);
            server = builder.start();
            try (Connection c = DriverManager.getConnection(url(server.getPort(), "postgres"), USER, PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            throw new UncheckedIOException("cannot start the demo PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            closeQuietly(server);
            throw new IllegalStateException("cannot create the demo database " + database + ": " + e.getMessage(), e);
        }
    }

    static String url(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Spring arguments that point the audit at this database, with {@link #THRESHOLDS} as its own. */
    @Override
    public List<String> properties() {
        List<String> properties = new ArrayList<>(arguments(PREFIX, NAME, SERVER, url(server.getPort(), DATABASE)));
        THRESHOLDS.forEach(t -> properties.add(PREFIX + "thresholds." + t));
        return properties;
    }

    public int port() {
        return server.getPort();
    }

    /** The arguments that name a demo database and its server, and reach it. */
    static List<String> arguments(String prefix, String name, String server, String url) {
        return List.of(prefix + "name=" + name, prefix + "server=" + server, prefix + "url=" + url,
                prefix + "username=" + USER, prefix + "password=" + PASSWORD);
    }

    @Override
    public void close() {
        faults.close();
        closeQuietly(server);
    }

    /**
     * Seeds every fault of {@link #faults(String, String)} into the database at {@code url} (a superuser is needed for the
     * replication slot); the returned handle keeps the lock holder and its waiter connected until closed.
     */
    public static Faults seed(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // a report query that sleeps on every call: slow statements for pg_stat_statements
            for (int i = 0; i < 25; i++) {
                s.execute("SELECT pg_sleep(0.03)");
            }
            // sessions whose rows are deleted in bulk, with autovacuum switched off for the table
            s.execute("CREATE TABLE user_sessions (id int PRIMARY KEY, token text) WITH (autovacuum_enabled = false)");
            s.execute("INSERT INTO user_sessions SELECT g, md5(g::text) FROM generate_series(1, 40000) g");
            s.execute("DELETE FROM user_sessions WHERE id <= 24000");
            // a unique index whose concurrent build failed on duplicate e-mails
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, email text)");
            s.execute("INSERT INTO customers VALUES (1, 'ops@smartcloudops.ai'), (2, 'ops@smartcloudops.ai')");
            try {
                s.execute("CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email)");
            } catch (SQLException expected) {
                // the failed build leaves the index invalid: the fault
            }
            // an index no query uses
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, status text, total numeric)");
            s.execute("INSERT INTO orders SELECT g, 'legacy-' || g, g FROM generate_series(1, 5000) g");
            s.execute("CREATE INDEX orders_legacy_status ON orders (status)");
            // a check added NOT VALID by a migration that never validated it
            s.execute("ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID");
            // an index that a later, wider one leads with (both small: no unused-index fault besides)
            s.execute("CREATE TABLE order_notes (order_id int, created timestamptz, note text)");
            s.execute("CREATE INDEX order_notes_order ON order_notes (order_id)");
            s.execute("CREATE INDEX order_notes_order_created ON order_notes (order_id, created)");
            // an event table purged of nine rows in ten: its index keeps the emptied pages (queried, so not unused)
            s.execute("CREATE TABLE order_events (id int, created int)");
            s.execute("INSERT INTO order_events SELECT g, g FROM generate_series(1, 100000) g");
            s.execute("CREATE INDEX order_events_created ON order_events (created)");
            s.execute("DELETE FROM order_events WHERE id % 10 <> 0");
            // the delete's dead rows counted before the vacuum that removes them, or they are counted after it
            awaitStatistics(s, "SELECT n_dead_tup >= 90000 FROM pg_stat_user_tables WHERE relname = 'order_events'",
                    "the dead tuples of order_events to be counted");
            s.execute("VACUUM ANALYZE order_events");
            s.execute("SET enable_seqscan = off");   // the query goes through the index, whatever the planner thinks
            s.execute("SELECT id FROM order_events WHERE created = 500");
            s.execute("RESET enable_seqscan");
            // counted before the audit reads them: no dead rows left, the index scanned (not an unused index)
            awaitStatistics(s, """
                    SELECT t.n_dead_tup = 0 AND t.last_vacuum IS NOT NULL AND i.idx_scan > 0
                    FROM pg_stat_user_tables t JOIN pg_stat_user_indexes i ON i.relid = t.relid
                    WHERE t.relname = 'order_events' AND i.indexrelname = 'order_events_created'""",
                    "the vacuum and the index scan of order_events to be counted");
            // invoice numbers close to the end of an integer sequence
            s.execute("CREATE SEQUENCE invoice_number_seq AS integer");
            s.execute("SELECT setval('invoice_number_seq', 2100000000)");
            // a replica that was decommissioned without dropping its slot
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + SLOT + "'");
            s.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            // a nightly batch table, without indexes, that a migration locks and forgets
            s.execute("CREATE TABLE payment_batches (batch_id int, amount numeric)");
            awaitStatistics(s, "SELECT n_dead_tup >= 24000 FROM pg_stat_user_tables WHERE relname = 'user_sessions'",
                    "the dead tuples of user_sessions to be counted");
        }
        Connection holder = DriverManager.getConnection(url, user, password);
        Connection waiter = null;
        try {
            holder.setClientInfo("ApplicationName", "smartcloudops-migration");
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE payment_batches IN ACCESS EXCLUSIVE MODE");
            }
            waiter = DriverManager.getConnection(url, user, password);
            waiter.setClientInfo("ApplicationName", "smartcloudops-api");
            int pid = pid(waiter);
            Connection blocked = waiter;
            Thread thread = new Thread(() -> {
                try (Statement s = blocked.createStatement()) {
                    s.execute("SELECT sum(amount) FROM payment_batches");
                } catch (SQLException e) {
                    // ended when the demo closes
                }
            }, "demo-database-waiter");
            thread.setDaemon(true);
            thread.start();
            Faults faults = new Faults(holder, waiter, thread, pid);
            faults.awaitWaiting(url, user, password);
            return faults;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(waiter);
            closeQuietly(holder);
            throw e;
        }
    }

    /**
     * Statistics reach the pg_stat views a moment after the statements: waits until {@code condition}, a query of
     * one boolean, holds.
     */
    static void awaitStatistics(Statement s, String condition, String what) throws SQLException {
        for (int i = 0; i < 100; i++) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery(condition)) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("waited in vain for " + what);
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The connections that hold the demo's session faults open. */
    public static final class Faults implements AutoCloseable {
        private final Connection holder;
        private final Connection waiter;
        private final Thread thread;
        private final int waitingPid;

        private Faults(Connection holder, Connection waiter, Thread thread, int waitingPid) {
            this.holder = holder;
            this.waiter = waiter;
            this.thread = thread;
            this.waitingPid = waitingPid;
        }

        private void awaitWaiting(String url, String user, String password) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                for (int i = 0; i < 100; i++) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = "
                            + waitingPid)) {
                        if (rs.next() && rs.getInt(1) > 0) {
                            return;
                        }
                    }
                    sleep(50);
                }
            }
            throw new IllegalStateException("the demo's blocked query did not start waiting");
        }

        @Override
        public void close() {
            closeQuietly(holder);   // ends the transaction: the waiter's query completes
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(waiter);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // the demo is ending
        }
    }
}
