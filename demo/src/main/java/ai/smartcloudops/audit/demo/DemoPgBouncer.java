package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real pgbouncer (the distribution's binary, {@code apt-get install pgbouncer}) in front of a local PostgreSQL,
 * in transaction pooling with a small pool, started from a generated ini in a directory of its own: no unix
 * socket, log to {@code pgbouncer.log} there, no pidfile (the process is ours). The audit logs in to its admin
 * console as {@link #AUDIT_USER}, a {@code stats_users} entry with a generated password. Run as root, pgbouncer
 * (which refuses root) is started with {@code -u nobody} and its directory is handed to that user.
 *
 * <p>{@link #start} is the demo's: pgbouncer for database {@link DemoDatabase#DATABASE} with every server
 * connection held in an open transaction (PG-107) and one more client queued behind them (PG-106), until
 * {@link #close()}. {@link #launch} starts it without faults, for tests that drive their own.
 */
public final class DemoPgBouncer implements DemoPart {

    /** The audit's user on the admin console, in stats_users. */
    public static final String AUDIT_USER = "health_audit";
    /** The demo's pool size: two transactions saturate it. */
    public static final int POOL_SIZE = 2;

    /** The faults {@link #start} raises on the demo database, by code. */
    public static final Map<String, String> FAULTS = Map.of(
            "PG-106", "PgBouncerPool/" + DemoDatabase.DATABASE + "/postgres",
            "PG-107", "PgBouncerPool/" + DemoDatabase.DATABASE + "/postgres");

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/pgbouncer"),
            Path.of("/usr/bin/pgbouncer"), Path.of("/usr/local/bin/pgbouncer"));
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final Process process;
    private final Path dir;
    private final int port;
    private final String auditPassword;
    private final String user;
    private final String password;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private DemoPgBouncer(Process process, Path dir, int port, String auditPassword, String user, String password) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.auditPassword = auditPassword;
        this.user = user;
        this.password = password;
    }

    /** The pgbouncer binary: /usr/sbin/pgbouncer (Debian, Ubuntu), or {@code pgbouncer} on the PATH. */
    public static Optional<Path> binary() {
        Stream<Path> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank()).map(p -> Path.of(p, "pgbouncer"));
        return Stream.concat(CANDIDATES.stream(), path).filter(Files::isExecutable).findFirst();
    }

    public static boolean available() {
        return binary().isPresent();
    }

    /**
     * The demo's pgbouncer in front of the demo database on {@code localhost:postgresPort}, its pool saturated
     * and a client waiting, as {@link #FAULTS} says.
     *
     * @throws IllegalStateException without a pgbouncer binary ({@link #available()}) or when it does not start
     */
    public static DemoPgBouncer start(Path dir, int postgresPort, String user, String password) {
        DemoPgBouncer pgbouncer = launch(dir, postgresPort, user, password, POOL_SIZE, "scram-sha-256");
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                pgbouncer.holdTransaction(DemoDatabase.DATABASE);
            }
            pgbouncer.queueClient(DemoDatabase.DATABASE);
            return pgbouncer;
        } catch (SQLException | RuntimeException e) {
            pgbouncer.close();
            throw new IllegalStateException("cannot drive the demo pgbouncer: " + e.getMessage(), e);
        }
    }

    /**
     * pgbouncer on a free port of 127.0.0.1 in front of PostgreSQL on {@code localhost:postgresPort} (every
     * database), transaction pooling with {@code poolSize} server connections per pool, clients authenticated by
     * {@code authType} ({@code md5} or {@code scram-sha-256}) against an auth_file holding {@code user} (who is
     * also how pgbouncer logs in to PostgreSQL) and {@link #AUDIT_USER}.
     */
    public static DemoPgBouncer launch(Path dir, int postgresPort, String user, String password, int poolSize,
                                       String authType) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "pgbouncer is not installed (apt-get install pgbouncer)"));
        String auditPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Process process = null;
        try {
            Files.createDirectories(dir);
            int port = freePort();
            Path users = dir.resolve("userlist.txt");
            Files.writeString(users, quoted(user) + " " + quoted(password) + "\n"
                    + quoted(AUDIT_USER) + " " + quoted(auditPassword) + "\n");
            Path ini = dir.resolve("pgbouncer.ini");
            Files.writeString(ini, String.join("\n",
                    "[databases]",
                    "* = host=127.0.0.1 port=" + postgresPort,
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = " + authType,
                    "auth_file = " + users.toAbsolutePath(),
                    "stats_users = " + AUDIT_USER,
                    "pool_mode = transaction",
                    "default_pool_size = " + poolSize,
                    "reserve_pool_size = 0",
                    "max_client_conn = 100",
                    "") );
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                handToNobody(dir, users, ini);
                command.addAll(List.of("-u", "nobody"));
            } else {
                Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
            }
            command.add(ini.toAbsolutePath().toString());
            Path log = dir.resolve("pgbouncer.log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            DemoServers.record(dir, "pgbouncer", process.pid());
            awaitListening(process, port, log);
            return new DemoPgBouncer(process, dir, port, auditPassword, user, password);
        } catch (IOException e) {
            destroy(process);
            throw new UncheckedIOException("cannot start pgbouncer in " + dir, e);
        } catch (RuntimeException e) {
            destroy(process);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public String auditPassword() {
        return auditPassword;
    }

    /**
     * Spring arguments that audit this pgbouncer as the demo database's (databases[0]). Its queued client is P1
     * whenever the audit comes: how long it has waited by then depends on how fast the rest of the demo starts.
     */
    @Override
    public List<String> properties() {
        String prefix = DemoDatabase.PREFIX + "pgbouncer.";
        return List.of(prefix + "host=127.0.0.1", prefix + "port=" + port, prefix + "username=" + AUDIT_USER,
                prefix + "password=" + auditPassword, DemoDatabase.PREFIX + "thresholds.pgbouncer-max-wait=0s");
    }

    /** A client connection through pgbouncer to {@code database}, closed by {@link #close()}. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("prepareThreshold", "0");   // no named statements across transactions
        props.setProperty("ApplicationName", "demo-pgbouncer");
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
        synchronized (connections) {
            connections.add(c);
        }
        return c;
    }

    /** A client that opens a transaction and keeps it, and with it one server connection, until close(). */
    public Connection holdTransaction(String database) throws SQLException {
        Connection c = connect(database);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        return c;
    }

    /**
     * A client that waits for a server connection of a saturated pool: it connects and runs a query in a
     * background thread (pgbouncer holds even its login until a server is free), until a held transaction ends.
     */
    public void queueClient(String database) {
        Thread thread = new Thread(() -> {
            try (Statement s = connect(database).createStatement()) {
                s.execute("SELECT 1");
            } catch (SQLException ignored) {
                // pgbouncer stopped first, or query_wait_timeout
            }
        }, "pgbouncer-waiting-client");
        thread.setDaemon(true);
        synchronized (threads) {
            threads.add(thread);
        }
        thread.start();
        try {
            Thread.sleep(300);   // the client reaches pgbouncer and is queued
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends every held transaction (the queued clients then run), closes the clients and stops pgbouncer. */
    @Override
    public void close() {
        for (Connection c : connections()) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        synchronized (threads) {
            for (Thread t : threads) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            threads.clear();
        }
        for (Connection c : connections()) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already gone
            }
        }
        destroy(process);
    }

    private List<Connection> connections() {
        synchronized (connections) {
            return List.copyOf(connections);
        }
    }

    /** pgbouncer's log, for messages when it does not behave. */
    public String log() {
        try {
            return Files.readString(dir.resolve("pgbouncer.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void handToNobody(Path dir, Path... files) throws IOException {
        UserPrincipal nobody = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir, nobody);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        for (Path file : files) {
            Files.setOwner(file, nobody);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void awaitListening(Process process, int port, Path log) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited with " + process.exitValue() + ": "
                        + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while pgbouncer starts", e);
                }
            }
        }
        throw new IllegalStateException("pgbouncer did not listen on " + port + " within "
                + START_TIMEOUT_MILLIS + " ms: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void destroy(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
