package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Urls;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured databases and the servers they are on as targets, and read-only connections to them. Each
 * database is connected to once per run to find out whether it can be, and which running server it is on: when it
 * cannot (unreachable, wrong password, no such database), every PostgreSQL check of that database is skipped with
 * one AUDIT-903 naming the database and the reason — never the password; when its server has no connection slot
 * left, that is PG-102 on the server and the checks of the database are skipped without a finding of their own.
 */
@Component
@EnableConfigurationProperties(PostgresProperties.class)
public class PostgresTargets {

    static final String KIND = "postgresql";
    static final String SERVER_KIND = "postgresql-server";
    static final String PGBOUNCER_KIND = "pgbouncer";
    static final String PGBOUNCER_SUFFIX = "/pgbouncer";

    private final PostgresProperties properties;
    /** Per server, the backend pids of the connections the checks hold open on it now. */
    private final Map<String, Set<Integer>> sessions = new ConcurrentHashMap<>();

    public PostgresTargets(PostgresProperties properties) {
        this.properties = properties;
    }

    public PostgresProperties properties() {
        return properties;
    }

    public List<Target> targets() {
        return properties.databases().stream().map(d -> new Target(d.name(), KIND)).toList();
    }

    /**
     * The servers the databases are on, each its own target: a server's connections, standbys and replication slots
     * are reported once, on the server, whatever number of its databases is audited.
     */
    public List<Target> serverTargets() {
        return properties.servers().stream().map(s -> new Target(s.name(), SERVER_KIND)).toList();
    }

    /**
     * The pgbouncers in front of the databases that configure one, each its own target named
     * {@code <database>/pgbouncer}: it has its own address and credentials, and its being unreachable says nothing
     * about the database behind it.
     */
    public List<Target> pgbouncerTargets() {
        return properties.databases().stream().filter(d -> d.pgbouncer() != null)
                .map(d -> new Target(d.name() + PGBOUNCER_SUFFIX, PGBOUNCER_KIND)).toList();
    }

    /** The database whose pgbouncer is the context's target. */
    public PostgresProperties.Database pgbouncerDatabase(CheckContext context) {
        return properties.databases().stream()
                .filter(d -> d.pgbouncer() != null && (d.name() + PGBOUNCER_SUFFIX).equals(context.target().name()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no pgbouncer target named "
                        + context.target().name()));
    }

    /** What a check does on pgbouncer's admin console. */
    interface ConsoleWork<T> {
        T apply(PgBouncerConsole console) throws IOException;
    }

    /**
     * Runs {@code work} on a new admin-console session of the context's pgbouncer. A pgbouncer that cannot be
     * reached, or refuses the login or a SHOW command (e.g. the user is not in stats_users), skips the check with
     * an AUDIT-903 naming the pgbouncer and the reason, never the password.
     */
    <T> T withPgBouncer(CheckContext context, ConsoleWork<T> work) {
        PostgresProperties.PgBouncer pgbouncer = pgbouncerDatabase(context).pgbouncer();
        PgBouncerConsole console;
        try {
            console = PgBouncerConsole.open(pgbouncer);
        } catch (IOException e) {
            throw pgbouncerUnreachable(context, pgbouncer, e);
        }
        try (console) {
            return work.apply(console);
        } catch (IOException e) {
            throw pgbouncerUnreachable(context, pgbouncer, e);
        }
    }

    private static CheckSkippedException pgbouncerUnreachable(CheckContext context,
                                                              PostgresProperties.PgBouncer pgbouncer, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (reason.contains("admin access needed") || reason.contains("not allowed")) {
            reason += " (add " + pgbouncer.username() + " to pgbouncer's stats_users)";
        }
        return CheckSkippedException.unreachable(context.target().name(), "pgbouncer " + pgbouncer.address() + " as "
                + pgbouncer.username() + ": " + reason, pgbouncer.password());
    }

    public PostgresProperties.Database database(CheckContext context) {
        return properties.databases().stream().filter(d -> d.name().equals(context.target().name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no database named " + context.target().name()));
    }

    /** The server target of the context, or the server its database is on. */
    public PostgresProperties.Server server(CheckContext context) {
        String name = SERVER_KIND.equals(context.target().kind()) ? context.target().name()
                : database(context).server();
        return properties.servers().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server named " + name));
    }

    /** The thresholds of the context's database, or of a server's first database. */
    public PostgresProperties.Thresholds thresholds(CheckContext context) {
        return properties.thresholdsOf(SERVER_KIND.equals(context.target().kind())
                ? server(context).databases().get(0) : database(context));
    }

    /** The arguments of {@code psql} that reach the context's database as the audit does: {@code -h -p -U -d}. */
    public Template.Words psql(CheckContext context) {
        return psql(database(context));
    }

    /** The arguments of {@code psql} that reach {@code database} as the audit does: {@code -h -p -U -d}. */
    public Template.Words psql(PostgresProperties.Database database) {
        return database.location().psql(database.username());
    }

    /** What a check does with a connection. */
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** What a check of a server does with a connection to one of its databases. */
    public interface ServerWork<T> {
        T apply(Connection connection, PostgresProperties.Database database) throws SQLException;
    }

    /**
     * Runs {@code work} on a new read-only connection to the context's database, closed afterwards: the one
     * connection of the database's snapshot in a run.
     */
    public <T> T withConnection(CheckContext context, Work<T> work) throws SQLException {
        reachable(context);
        return withConnection(server(context), database(context), work);
    }

    /** Whether the context's database can be connected to, found out once per run: else its checks are skipped. */
    void reachable(CheckContext context) {
        PostgresProperties.Database database = database(context);
        context.shared(SharedKey.of("postgres.reachable", Object.class), () -> {
            Probe probe = probe(context, database);
            if (probe.failure() != null) {
                throw refused(server(context), database.name(), database, probe.failure());
            }
            return probe.identity();
        });
    }

    /**
     * Runs {@code work} on a new read-only connection to the context's server, through the first of its databases
     * that answers. Every database of the server that answers must be the same running server (system identifier and
     * start time), else the server's checks fail naming them; a server that is the same running server as one
     * configured before it under another name (another address) is skipped: its facts are reported there.
     */
    public <T> T withServer(CheckContext context, ServerWork<T> work) throws SQLException {
        PostgresProperties.Server server = server(context);
        PostgresProperties.Database database = context.shared(SharedKey.of("postgres.server", PostgresProperties.Database.class), () -> reach(context, server));
        return withConnection(server, database, c -> work.apply(c, database));
    }

    private PostgresProperties.Database reach(CheckContext context, PostgresProperties.Server server) {
        PostgresProperties.Database reached = null;
        Identity identity = null;
        Probe failed = null;
        PostgresProperties.Database failedDatabase = null;
        for (PostgresProperties.Database database : server.databases()) {
            Probe probe = probe(context, database);
            if (probe.failure() != null) {
                if (failed == null || full(probe.failure())) {
                    failed = probe;
                    failedDatabase = database;
                }
            } else if (identity == null) {
                reached = database;
                identity = probe.identity();
            } else if (!identity.sameServer(probe.identity())) {
                String reason = "databases " + reached.name() + " (" + identity + ") and " + database.name() + " ("
                        + probe.identity() + ") of server " + server.name() + " are on different servers: give each "
                        + "server its own health-audit.postgres.databases[].server";
                throw new CheckSkippedException(reason, AuditCode.AUDIT_901, Resource.of("Target", server.name()),
                        Map.of("error", reason));
            }
        }
        if (reached == null) {
            throw refused(server, server.name(), failedDatabase, failed.failure());
        }
        for (PostgresProperties.Server other : properties.servers()) {
            if (other.name().equals(server.name())) {
                break;
            }
            for (PostgresProperties.Database database : other.databases()) {
                Probe probe = probe(context, database);
                if (probe.identity() != null && identity.sameServer(probe.identity())) {
                    throw new CheckSkippedException("the same server as " + other.name() + " (" + identity
                            + "), configured before it: its facts are reported on " + other.name());
                }
            }
        }
        return reached;
    }

    /**
     * A configured database on the primary of the server {@code database} is on, when that server is a standby (same
     * system identifier, the other not in recovery) and {@code wanted} accepts it; empty on a primary.
     */
    public Optional<PostgresProperties.Database> auditedPrimary(CheckContext context,
                                                                PostgresProperties.Database database,
                                                                Predicate<PostgresProperties.Database> wanted) {
        Identity identity = probe(context, database).identity();
        if (identity == null || !identity.standby()) {
            return Optional.empty();
        }
        return properties.databases().stream().filter(wanted).filter(d -> {
            Identity other = probe(context, d).identity();
            return other != null && !other.standby() && other.systemIdentifier() == identity.systemIdentifier();
        }).findFirst();
    }

    private <T> T withConnection(PostgresProperties.Server server, PostgresProperties.Database database, Work<T> work)
            throws SQLException {
        Connection opened;
        try {
            opened = open(database);
        } catch (SQLException e) {
            if (full(e)) {
                throw new ServerFull(server.name(), message(database, e));
            }
            throw e;
        }
        try (Connection connection = opened) {
            int pid = Sql.one(connection, "SELECT pg_backend_pid()", rs -> rs.getInt(1));
            Set<Integer> own = sessions.computeIfAbsent(server.name(), name -> ConcurrentHashMap.newKeySet());
            own.add(pid);
            try {
                return work.apply(connection);
            } finally {
                own.remove(pid);
            }
        }
    }

    /**
     * The backend pids of the audit's own open sessions on the context's server (this one included), for a query of
     * pg_stat_activity to leave out with {@code pid <> ALL (?)}: an application_name anyone can set would hide a
     * client's queries from the audit.
     */
    public Array ownSessions(Connection connection, CheckContext context) throws SQLException {
        return connection.createArrayOf("int4",
                sessions.getOrDefault(server(context).name(), Set.of()).toArray(Integer[]::new));
    }

    /**
     * A running server as a connection sees it. A standby has its primary's system identifier; the start time tells
     * two servers of one system apart.
     */
    record Identity(long systemIdentifier, String started, boolean standby) {

        Identity {
            Objects.requireNonNull(started, "started");
        }

        boolean sameServer(Identity other) {
            return systemIdentifier == other.systemIdentifier && started.equals(other.started);
        }

        @Override
        public String toString() {
            return "system identifier " + systemIdentifier + ", started " + started;
        }
    }

    /** A database's identity, or why the audit could not connect to it. */
    private record Probe(Identity identity, SQLException failure) {

        Probe {
            if ((identity == null) == (failure == null)) {
                throw new IllegalArgumentException("a probe has an identity or a failure");
            }
        }
    }

    /** Connects to {@code database} once per run, whichever check of whichever target asks first. */
    private Probe probe(CheckContext context, PostgresProperties.Database database) {
        return context.sharedByRun(SharedKey.of("postgres.probe " + database.name(), Probe.class), () -> {
            try (Connection c = open(database)) {
                return new Probe(Sql.one(c, """
                        SELECT system_identifier,
                               to_char(pg_postmaster_start_time() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US "UTC"'),
                               pg_is_in_recovery()
                        FROM pg_control_system()""", rs -> new Identity(rs.getLong(1), rs.getString(2),
                        rs.getBoolean(3))), null);
            } catch (SQLException e) {
                return new Probe(null, e);
            }
        });
    }

    /**
     * The server refused the audit a connection for want of a slot ({@code too many clients already}, or the rest
     * reserved for superusers: SQLSTATE 53300). PG-102 reports it, on the server; every other check of the server
     * and its databases is skipped without a finding of its own.
     */
    static final class ServerFull extends CheckSkippedException {

        private final String error;

        ServerFull(String server, String error) {
            super("server " + server + " has no connection slot left (" + error + "): reported as PG-102 on "
                    + server);
            this.error = error;
        }

        /** What the server answered. */
        String error() {
            return error;
        }
    }

    private static boolean full(SQLException e) {
        return "53300".equals(e.getSQLState());
    }

    /** Why {@code target} cannot be audited: its server is full, or {@code database} cannot be reached. */
    private static CheckSkippedException refused(PostgresProperties.Server server, String target,
                                                 PostgresProperties.Database database, SQLException e) {
        return full(e) ? new ServerFull(server.name(), message(database, e))
                : CheckSkippedException.unreachable(target, message(database, e), database.password());
    }

    /** The driver's message, the secrets of the URL masked. */
    private static String message(PostgresProperties.Database database, SQLException e) {
        return Urls.mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), database.url());
    }

    static Connection open(PostgresProperties.Database database) throws SQLException {
        Properties props = new Properties();
        if (database.username() != null) {
            props.setProperty("user", database.username());
        }
        if (database.password() != null) {
            props.setProperty("password", database.password());
        }
        long seconds = Math.max(1, database.connectTimeout().toSeconds());
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", "120");
        props.setProperty("ApplicationName", "health-audit");
        props.setProperty("readOnly", "true");
        Connection connection = DriverManager.getConnection(database.url(), props);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = '60s'");
        }
        return connection;
    }
}
