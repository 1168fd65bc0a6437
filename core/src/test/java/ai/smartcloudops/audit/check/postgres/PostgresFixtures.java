package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.run.Sweep;
import ai.smartcloudops.audit.run.Sweeps;
import ai.smartcloudops.audit.store.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A fresh database on the shared embedded PostgreSQL, connections to it for driving faults, and targets bound
 * as from configuration. Close it to end every connection and thread a test opened.
 */
final class PostgresFixtures implements AutoCloseable {

    static final String TARGET = "orders-db";
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    final String url;
    final String database;
    final String user;
    final String password;
    /** host:port of the server, the name of its target. */
    final String server;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private PostgresFixtures(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        this.url = jdbcUrl.substring(0, query);
        this.database = url.substring(url.lastIndexOf('/') + 1);
        this.server = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
        Map<String, String> params = new HashMap<>();
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        this.user = params.get("user");
        this.password = params.get("password");
    }

    /** The arguments psql reaches this database with, as the audit reaches it. */
    String psql() {
        return "-h " + server.replace(":", " -p ") + " -U " + user + " -d " + database;
    }

    static PostgresFixtures newDatabase() {
        return new PostgresFixtures(TestDatabase.newDatabase());
    }

    /** A server of the test's own with its data in the new directory {@code dataDir} (user and password postgres). */
    static EmbeddedPostgres server(Path dataDir) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(Files.createDirectory(dataDir)).setCleanDataDirectory(true)
                .start();
    }

    /** A new database {@code name} on a server of the test's own (user and password postgres). */
    static PostgresFixtures newDatabase(EmbeddedPostgres server, String name) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/";
        try (Connection c = DriverManager.getConnection(url + "postgres", "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new PostgresFixtures(url + name + "?user=postgres&password=postgres");
    }

    /** Targets for this database with the given thresholds (kebab-case keys, e.g. {@code long-query=1s}). */
    PostgresTargets targets(String... thresholds) {
        return new PostgresTargets(properties(url, user, password, thresholds));
    }

    static PostgresProperties properties(String url, String user, String password, String... thresholds) {
        return properties(Map.of(), url, user, password, thresholds);
    }

    /** ... with more keys of the database (e.g. {@code pgbouncer.port}), relative to databases[0]. */
    static PostgresProperties properties(Map<String, String> database, String url, String user, String password,
                                         String... thresholds) {
        Map<String, String> source = new HashMap<>();
        database.forEach((key, value) -> source.put("health-audit.postgres.databases[0]." + key, value));
        source.put("health-audit.postgres.databases[0].name", TARGET);
        source.put("health-audit.postgres.databases[0].url", url);
        source.put("health-audit.postgres.databases[0].username", user);
        source.put("health-audit.postgres.databases[0].password", password);
        source.put("health-audit.postgres.databases[0].connect-timeout", "3s");
        for (String threshold : thresholds) {
            String[] kv = threshold.split("=", 2);
            source.put("health-audit.postgres.thresholds." + kv[0], kv[1]);
        }
        return bind(source);
    }

    /** The PostgreSQL settings of these keys ({@code health-audit.postgres.…}), bound as from configuration. */
    static PostgresProperties bind(Map<String, String> source) {
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.postgres", PostgresProperties.class);
    }

    /** The check on its first target (the database, or for a check of the server the server), in a run of its own. */
    static CheckContext context(Check check) {
        return context(check, RunScope.first(1L, NOW));
    }

    /** ... in the run given, which several checks may share. */
    static CheckContext context(Check check, RunScope run) {
        return new CheckContext(run, check.id(), check.targets().get(0), Set.of(check.id()));
    }

    /** ... of a run at {@code now} that sees these samples of earlier runs. */
    static CheckContext context(Check check, Instant now, Samples samples) {
        return context(check, new RunScope(1L, now, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(),
                fingerprint -> Optional.empty(), samples));
    }

    static List<Finding> run(Check check) throws Exception {
        return context(check).findings(check);
    }

    /** The checks through the sweep of a nightly run, as the job runs them: every (check, target) pair once. */
    static Sweep.Result sweep(Check... checks) {
        return Sweeps.nightly(NOW, checks);
    }

    /**
     * Waits until the server has {@code clients} client backends, {@code monitor} (one of them) included: a closed
     * connection's backend leaves pg_stat_activity a moment after it is closed, so no new connection may ask.
     */
    static void awaitClients(Connection monitor, int clients) throws Exception {
        await(clients + " client backends", () -> {
            try (Statement s = monitor.createStatement(); var rs = s.executeQuery("SELECT count(*) = " + clients
                    + " FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /** A connection the fixture closes at the end of the test. */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        synchronized (connections) {
            connections.add(c);
        }
        return c;
    }

    /** A connection as {@code application} names itself, closed at the end of the test. */
    Connection connect(String application) throws SQLException {
        Connection c = connect();
        c.setClientInfo("ApplicationName", application);
        return c;
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Runs the statement on its own connection in a background thread; errors (e.g. a cancel) are ignored. */
    Connection background(String sql) throws SQLException {
        return background(connect(), sql);
    }

    Connection background(Connection c, String sql) {
        Thread thread = new Thread(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                // ended by the test's cleanup
            }
        }, "pg-fixture-" + threads.size());
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
        return c;
    }

    /** Waits until the condition holds (statistics reach pg_stat views asynchronously). */
    static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The number a query on a fresh connection returns. */
    long number(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** True when a query on a fresh connection returns true. */
    boolean holds(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    @Override
    public void close() throws Exception {
        // end every session this test left in the database: blocked, sleeping or idle in a transaction
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid()");
        }
        synchronized (connections) {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // already terminated
                }
            }
        }
        for (Thread thread : threads) {
            thread.join(5000);
        }
    }
}
