package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Part;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the audit reads of one server in a run — its connections, its standbys or its own replay, its replication
 * slots — on one connection to the first of its databases that answers, in one READ ONLY transaction, once for every
 * check of the server. A server that refuses the audit for want of a connection slot is a snapshot too: what it
 * answered ({@code full}) is PG-102's, and every other check of the server is skipped.
 *
 * @param database the configured database the server was read through, null when the server was full
 * @param full     what a server with no connection slot left answered, else null
 * @param standby  the server is in recovery
 * @param primary  for a standby, the audited database on its primary (whose server reports its replay lag)
 */
record PostgresServerSnapshot(PostgresProperties.Database database, String full, boolean standby,
                              Optional<PostgresProperties.Database> primary, Part<Connections> connections,
                              Part<List<Replica>> replicas, Part<List<Replay>> replay, Part<List<Slot>> slots) {

    /** Client backends by application shown in PG-102; the others are counted in its total. */
    static final int TOP_APPLICATIONS = 5;

    PostgresServerSnapshot {
        Objects.requireNonNull(primary, "primary");
        if ((database == null) == (full == null)) {
            throw new IllegalArgumentException("a server snapshot is read through a database, or the server was full");
        }
    }

    static PostgresServerSnapshot full(String error) {
        return new PostgresServerSnapshot(null, error, false, Optional.empty(), Part.unread(), Part.unread(),
                Part.unread(), Part.unread());
    }

    /** A count of client backends: by state, or by application. */
    record Count(String name, long count) {
    }

    /**
     * max_connections, the slots reserved for superusers, the audit's own client backends ({@code held}, not counted
     * in the others), the others by state, and the {@link #TOP_APPLICATIONS} applications holding most of them.
     */
    record Connections(int max, int reserved, int held, List<Count> byState, List<Count> applications) {
        Connections {
            byState = List.copyOf(byState);
            applications = List.copyOf(applications);
        }
    }

    /**
     * A standby replaying past the threshold, as its primary sees it in pg_stat_replication: named by its slot, else
     * by application_name, address and pid.
     */
    record Replica(String name, String client, String state, String syncState, double lagSeconds, long pending) {
    }

    /** This standby's replay past the threshold while received WAL waits, and the primary it receives from. */
    record Replay(double lagSeconds, long pending, String state, String senderHost, int senderPort) {
    }

    /** A replication slot without a consumer, and the WAL it retains. */
    record Slot(String name, String type, String database, String plugin, String walStatus, String restartLsn,
                long retained) {
    }

    /** Reads the parts the run's checks of the context's server inspect. */
    static PostgresServerSnapshot read(CheckContext context, PostgresTargets targets) {
        Set<String> checks = PostgresSnapshot.checks(context);
        PostgresProperties.Thresholds t = targets.thresholds(context);
        try {
            return targets.withServer(context, (c, database) -> {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                try {
                    boolean standby = Sql.one(c, "SELECT pg_is_in_recovery()", rs -> rs.getBoolean(1));
                    boolean lag = checks.contains(ReplicationLagCheck.ID);
                    Optional<PostgresProperties.Database> primary = standby && lag
                            ? targets.auditedPrimary(context, database, d -> true) : Optional.empty();
                    double lagSeconds = t.replicationLag().toMillis() / 1000.0;
                    Array own = targets.ownSessions(c, context);
                    return new PostgresServerSnapshot(database, null, standby, primary,
                            Savepoints.part(c, checks.contains(ConnectionsCheck.ID), x -> connections(x, own)),
                            Savepoints.part(c, lag && !standby, x -> replicas(x, lagSeconds)),
                            Savepoints.part(c, lag && standby && primary.isEmpty(), x -> replay(x, lagSeconds)),
                            Savepoints.part(c, checks.contains(ReplicationSlotsCheck.ID),
                                    PostgresServerSnapshot::slots));
                } finally {
                    c.rollback();
                }
            });
        } catch (PostgresTargets.ServerFull e) {
            return full(e.error());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Connections connections(Connection c, Array own) throws SQLException {
        int max = Sql.one(c, "SELECT current_setting('max_connections')::int", rs -> rs.getInt(1));
        int reserved = Sql.one(c, "SELECT current_setting('superuser_reserved_connections')::int",
                rs -> rs.getInt(1));
        int held = Sql.one(c, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                + "AND pid = ANY (?)", rs -> rs.getInt(1), own);
        List<Count> states = Sql.list(c, """
                SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND pid <> ALL (?) GROUP BY 1 ORDER BY 2 DESC, 1""",
                rs -> new Count(rs.getString(1), rs.getLong(2)), own);
        List<Count> applications = Sql.list(c, """
                SELECT coalesce(nullif(application_name, ''), '(none)'), count(*) FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND pid <> ALL (?) GROUP BY 1 ORDER BY 2 DESC, 1
                LIMIT ?""", rs -> new Count(rs.getString(1), rs.getLong(2)), own, TOP_APPLICATIONS);
        return new Connections(max, reserved, held, states, applications);
    }

    private static List<Replica> replicas(Connection c, double lagSeconds) throws SQLException {
        return Sql.list(c, """
                SELECT coalesce(s.slot_name, coalesce(nullif(r.application_name, ''), '(none)') || ' ('
                                || coalesce(host(r.client_addr), 'local') || ', pid ' || r.pid || ')'),
                       host(r.client_addr), r.state, r.sync_state, extract(epoch FROM r.replay_lag),
                       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn), 0)::bigint
                FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid
                WHERE r.replay_lag >= make_interval(secs => ?)
                ORDER BY r.replay_lag DESC, 1
                LIMIT ?""", rs -> new Replica(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getDouble(5), rs.getLong(6)), lagSeconds, PostgresSnapshot.ROWS);
    }

    /** A standby that has replayed no commit since it started has no replay timestamp: its lag runs from its start. */
    private static List<Replay> replay(Connection c, double lagSeconds) throws SQLException {
        return Sql.list(c, """
                SELECT extract(epoch FROM now() - replayed),
                       coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::bigint,
                       CASE WHEN pg_is_wal_replay_paused() THEN 'replay paused' ELSE 'replaying' END
                         || ', WAL receiver ' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'stopped'),
                       (SELECT sender_host FROM pg_stat_wal_receiver), (SELECT sender_port FROM pg_stat_wal_receiver)
                FROM (SELECT coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time()) AS replayed) r
                WHERE pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()
                  AND now() - replayed >= make_interval(secs => ?)""", rs -> new Replay(rs.getDouble(1),
                rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)), lagSeconds);
    }

    private static List<Slot> slots(Connection c) throws SQLException {
        return Sql.list(c, """
                SELECT slot_name, slot_type, coalesce(database, '(all)'), coalesce(plugin, '(none)'),
                       coalesce(wal_status, 'unknown'), coalesce(restart_lsn::text, '(none)'),
                       coalesce(pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn()
                                                     ELSE pg_current_wal_lsn() END, restart_lsn), 0)::bigint
                FROM pg_replication_slots
                WHERE NOT active
                ORDER BY slot_name
                LIMIT ?""", rs -> new Slot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7)), PostgresSnapshot.ROWS);
    }
}
