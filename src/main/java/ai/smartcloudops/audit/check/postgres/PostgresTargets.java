package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.text.Urls;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured databases as targets, and read-only connections to them. The first check of a database in a
 * run connects once to find out whether it can: when it cannot (unreachable, wrong password, no such database),
 * every PostgreSQL check of that database is skipped with one AUDIT-903 naming the database and the reason —
 * never the password.
 */
@Component
@EnableConfigurationProperties(PostgresProperties.class)
public class PostgresTargets {

    static final String KIND = "postgresql";
    static final String PGBOUNCER_KIND = "pgbouncer";
    static final String PGBOUNCER_SUFFIX = "/pgbouncer";

    private final PostgresProperties properties;
    /** Per database, the backend pids of the connections the checks hold open now. */
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

    public PostgresProperties.Thresholds thresholds(CheckContext context) {
        return properties.thresholdsOf(database(context));
    }

    /** What a check does with a connection. */
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a new read-only connection to the context's database, closed afterwards. Connections
     * are not shared: checks of one database run at the same time.
     */
    public <T> T withConnection(CheckContext context, Work<T> work) throws SQLException {
        PostgresProperties.Database database = database(context);
        context.shared("postgres.reachable", () -> {
            try (Connection probe = open(database)) {
                return Boolean.TRUE;
            } catch (SQLException e) {
                throw unreachable(database, e);
            }
        });
        try (Connection connection = open(database)) {
            int pid = Sql.one(connection, "SELECT pg_backend_pid()", rs -> rs.getInt(1));
            Set<Integer> own = sessions.computeIfAbsent(database.name(), name -> ConcurrentHashMap.newKeySet());
            own.add(pid);
            try {
                return work.apply(connection);
            } finally {
                own.remove(pid);
            }
        }
    }

    /**
     * The backend pids of the audit's own open sessions on the context's database (this one included), for a
     * query of pg_stat_activity to leave out with {@code pid <> ALL (?)}: an application_name anyone can set would
     * hide a client's queries from the audit.
     */
    public Array ownSessions(Connection connection, CheckContext context) throws SQLException {
        return connection.createArrayOf("int4",
                sessions.getOrDefault(database(context).name(), Set.of()).toArray(Integer[]::new));
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

    private static CheckSkippedException unreachable(PostgresProperties.Database database, SQLException e) {
        return CheckSkippedException.unreachable(database.name(), Urls.mask(
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), database.url()),
                database.password());
    }
}
