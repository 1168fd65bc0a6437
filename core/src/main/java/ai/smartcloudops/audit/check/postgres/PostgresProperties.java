package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.text.Urls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The databases to audit and the PostgreSQL thresholds. The audit's role needs only {@code pg_monitor}
 * (docs/operations.md); passwords come from the environment, e.g. {@code password: ${AUDIT_DB_PASSWORD}}.
 *
 * @param databases  one entry per database; empty means no PostgreSQL audit
 * @param thresholds the defaults of every database, overridable per database
 */
@ConfigurationProperties("health-audit.postgres")
public record PostgresProperties(List<Database> databases, Thresholds thresholds) {

    public PostgresProperties {
        databases = databases == null ? List.of() : List.copyOf(databases);
        thresholds = Thresholds.DEFAULTS.with(thresholds);
        Set<String> names = databases.stream().map(Database::name).collect(Collectors.toSet());
        if (names.size() != databases.size()) {
            throw new IllegalArgumentException("health-audit.postgres.databases: database names must be unique");
        }
        databases.stream().map(Database::server).filter(names::contains).findFirst().ifPresent(server -> {
            throw new IllegalArgumentException("health-audit.postgres.databases: the server name '" + server
                    + "' is a database's name; a server is a target of its own and needs a name of its own");
        });
    }

    /** The thresholds of one database: its own overrides over the defaults. */
    public Thresholds thresholdsOf(Database database) {
        return thresholds.with(database.thresholds());
    }

    /** The servers the databases are on, in the order they are first configured. */
    public List<Server> servers() {
        Map<String, List<Database>> byServer = new LinkedHashMap<>();
        databases.forEach(d -> byServer.computeIfAbsent(d.server(), s -> new ArrayList<>()).add(d));
        return byServer.entrySet().stream().map(e -> new Server(e.getKey(), e.getValue())).toList();
    }

    /**
     * A PostgreSQL server and the configured databases on it: its connections, standbys and replication slots are
     * facts of the server, reported once whatever number of its databases is audited.
     *
     * @param name      the databases' {@code server}: host:port unless configured
     * @param databases in the order configured; the first one's thresholds are the server's
     */
    public record Server(String name, List<Database> databases) {

        public Server {
            databases = List.copyOf(databases);
            if (name == null || name.isBlank() || databases.isEmpty()) {
                throw new IllegalArgumentException("a server has a name and at least one database");
            }
        }
    }

    /**
     * @param name           the name findings use for this database
     * @param url            jdbc:postgresql://host:port/database
     * @param server         the name findings use for the server it is on (its connections, standbys and slots);
     *                       host:port of the URL unless set, so databases on one host:port share it
     * @param username       the audit's role (pg_monitor)
     * @param password       the role's password, from the environment; never logged or reported
     * @param connectTimeout how long connecting may take
     * @param pool           optional: the application's connection pool gauges in Prometheus
     * @param pgbouncer      optional: the pgbouncer in front of this database, audited by SHOW POOLS
     * @param thresholds     this database's overrides
     */
    public record Database(String name, String url, String server, String username, String password,
                           Duration connectTimeout, Pool pool, PgBouncer pgbouncer, Thresholds thresholds) {

        public Database {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("health-audit.postgres.databases[].name is required");
            }
            PostgresUrl location;
            try {
                location = PostgresUrl.parse(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("health-audit.postgres.databases[" + name + "].url must be "
                        + PostgresUrl.FORMAT + " (" + e.getMessage() + ")");
            }
            server = server == null || server.isBlank() ? location.address() : server;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        }

        /** Host, port and database of {@link #url}. */
        public PostgresUrl location() {
            return PostgresUrl.parse(url);
        }

        @Override
        public String toString() {
            return "Database[name=" + name + ", url=" + Urls.mask(url) + ", server=" + server + ", username=" + username
                    + (pgbouncer == null ? "" : ", pgbouncer=" + pgbouncer) + "]";
        }
    }

    /**
     * The application's pool as Prometheus sees it (the guide's "Connection analysis"): one PromQL expression per
     * gauge, each answering one number — SQLAlchemy's pool size, checked-out connections and overflow, or
     * HikariCP's {@code hikaricp_connections_max}, {@code _active} and {@code _pending}.
     *
     * @param prometheus the Prometheus base URL, e.g. http://prometheus.smartcloudops-monitoring:9090
     * @param size       expression of the pool's size
     * @param checkedOut expression of the connections in use
     * @param overflow   optional expression of connections beyond the size (SQLAlchemy) or waiting (HikariCP)
     * @param timeout    how long one query may take
     */
    public record Pool(String prometheus, String size, String checkedOut, String overflow, Duration timeout) {

        public Pool {
            if (prometheus == null || !prometheus.matches("https?://.+")) {
                throw new IllegalArgumentException("health-audit.postgres.databases[].pool.prometheus must be an "
                        + "http(s) URL");
            }
            if (size == null || size.isBlank() || checkedOut == null || checkedOut.isBlank()) {
                throw new IllegalArgumentException("health-audit.postgres.databases[].pool needs size and "
                        + "checked-out expressions");
            }
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }

    /**
     * A pgbouncer's admin console (the virtual database {@code pgbouncer}). The user must be listed in pgbouncer's
     * {@code stats_users} (or {@code admin_users}); the audit only runs SHOW commands.
     *
     * @param host           pgbouncer's host
     * @param port           its listen_port, 6432 unless set
     * @param username       a stats_users entry
     * @param password       its password, from the environment; never logged or reported
     * @param connectTimeout how long connecting and each answer may take
     */
    public record PgBouncer(String host, Integer port, String username, String password, Duration connectTimeout) {

        public PgBouncer {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("health-audit.postgres.databases[].pgbouncer.host is required");
            }
            port = port == null ? 6432 : port;
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("health-audit.postgres.databases[].pgbouncer.port must be "
                        + "between 1 and 65535, not " + port);
            }
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("health-audit.postgres.databases[].pgbouncer.username is "
                        + "required (a user in pgbouncer's stats_users)");
            }
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("health-audit.postgres.databases[].pgbouncer.connect-timeout "
                        + "must be positive");
            }
        }

        /** host:port, as findings and messages name it. */
        public String address() {
            return host + ":" + port;
        }

        @Override
        public String toString() {
            return "PgBouncer[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password == null ? "null" : "****") + ", connectTimeout=" + connectTimeout + "]";
        }
    }

    /**
     * Every field is optional: a null means "inherit".
     *
     * @param connectionsWarnPercent     connections over max_connections, warning (P2)
     * @param connectionsCriticalPercent connections over max_connections, P1
     * @param idleInTransaction          a session idle in transaction longer than this
     * @param longQuery                  a query running longer than this
     * @param slowMeanMillis             pg_stat_statements mean time at or above this
     * @param slowMinCalls               ... with at least this many calls
     * @param topStatements              statements shown in evidence
     * @param cacheHitRatio              blocks hit over read+hit below this (PG-301) ...
     * @param deadTuples                 dead tuples of a table at or above this
     * @param deadTupleRatio             ... and over live+dead at or above this
     * @param staleVacuum                no (auto)vacuum or (auto)analyze of such a table for longer than this
     * @param wraparoundAge              age(datfrozenxid) at or above this
     * @param unusedIndexBytes           an index never scanned, at least this large
     * @param sequencePercent            a sequence's last value over its type's maximum, in percent
     * @param replicationLag             replay lag at or above this
     * @param roundTrip                  SELECT 1 slower than this
     * @param poolSaturationPercent      the application's pool checked out over its size (PG-104)
     * @param lockWait                   a session waiting on another's lock longer than this
     * @param pgbouncerWaitingClients    clients waiting for a server connection in one pgbouncer pool, at or above
     * @param pgbouncerMaxWait           ... the oldest of them waiting this long or longer makes it P1
     * @param pgbouncerSaturationPercent a pgbouncer pool's active server connections over its pool size
     * @param cacheHitMinBlocks          ... judged only once this many blocks were read (hit or not) since the
     *                                   previous sample
     * @param missingIndexRows           a table of at least this many live rows ...
     * @param indexUsePercent            ... whose scans use an index less often than this, in percent (PG-309)
     * @param growthPercentPerDay        a database or table that grew this many percent a day since its previous
     *                                   sample ... (PG-310, PG-311)
     * @param growthMinBytes             ... and at least this many bytes
     * @param indexBloatPercent          a B-tree index whose estimated bloat is this share of it ... (PG-312)
     * @param indexBloatBytes            ... and at least this many bytes
     */
    public record Thresholds(Integer connectionsWarnPercent, Integer connectionsCriticalPercent,
                             Duration idleInTransaction, Duration longQuery, Double slowMeanMillis,
                             Long slowMinCalls, Integer topStatements, Double cacheHitRatio, Long deadTuples,
                             Double deadTupleRatio, Duration staleVacuum, Long wraparoundAge,
                             Long unusedIndexBytes, Integer sequencePercent, Duration replicationLag,
                             Duration roundTrip, Integer poolSaturationPercent, Duration lockWait,
                             Integer pgbouncerWaitingClients, Duration pgbouncerMaxWait,
                             Integer pgbouncerSaturationPercent, Long cacheHitMinBlocks, Long missingIndexRows,
                             Integer indexUsePercent, Double growthPercentPerDay, Long growthMinBytes,
                             Integer indexBloatPercent, Long indexBloatBytes) {

        static final Thresholds DEFAULTS = new Thresholds(80, 95, Duration.ofMinutes(5), Duration.ofSeconds(60),
                20.0, 100L, 10, 0.99, 10_000L, 0.2, Duration.ofDays(7), 1_000_000_000L, 100L * 1024 * 1024, 90,
                Duration.ofSeconds(5), Duration.ofMillis(500), 90, Duration.ofSeconds(30), 1, Duration.ofSeconds(5),
                90, 100_000L, 10_000L, 95, 10.0, 1024L * 1024 * 1024, 50, 100L * 1024 * 1024);

        /** These thresholds with every non-null field of {@code override} in place. */
        public Thresholds with(Thresholds override) {
            if (override == null) {
                return this;
            }
            return new Thresholds(
                    pick(override.connectionsWarnPercent, connectionsWarnPercent),
                    pick(override.connectionsCriticalPercent, connectionsCriticalPercent),
                    pick(override.idleInTransaction, idleInTransaction), pick(override.longQuery, longQuery),
                    pick(override.slowMeanMillis, slowMeanMillis), pick(override.slowMinCalls, slowMinCalls),
                    pick(override.topStatements, topStatements), pick(override.cacheHitRatio, cacheHitRatio),
                    pick(override.deadTuples, deadTuples), pick(override.deadTupleRatio, deadTupleRatio),
                    pick(override.staleVacuum, staleVacuum), pick(override.wraparoundAge, wraparoundAge),
                    pick(override.unusedIndexBytes, unusedIndexBytes),
                    pick(override.sequencePercent, sequencePercent),
                    pick(override.replicationLag, replicationLag), pick(override.roundTrip, roundTrip),
                    pick(override.poolSaturationPercent, poolSaturationPercent),
                    pick(override.lockWait, lockWait),
                    pick(override.pgbouncerWaitingClients, pgbouncerWaitingClients),
                    pick(override.pgbouncerMaxWait, pgbouncerMaxWait),
                    pick(override.pgbouncerSaturationPercent, pgbouncerSaturationPercent),
                    pick(override.cacheHitMinBlocks, cacheHitMinBlocks),
                    pick(override.missingIndexRows, missingIndexRows),
                    pick(override.indexUsePercent, indexUsePercent),
                    pick(override.growthPercentPerDay, growthPercentPerDay),
                    pick(override.growthMinBytes, growthMinBytes),
                    pick(override.indexBloatPercent, indexBloatPercent),
                    pick(override.indexBloatBytes, indexBloatBytes));
        }

        private static <T> T pick(T override, T base) {
            return override != null ? override : base;
        }
    }
}
