package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Replicas that replay WAL too late, once per server, seen from either side: a primary lists its standbys in
 * pg_stat_replication (one finding per standby, named by its slot, else by application_name, address and pid, so
 * two standbys that keep the default name are two), and a standby whose primary is not audited measures the age of
 * the last transaction it replayed while WAL it has received still waits (an idle primary is not lag).
 */
@Component
public class ReplicationLagCheck extends PostgresCheck {

    static final String ID = "postgres.replication-lag";
    /** Where a standby or primary would be named in a remediation when replication does not say. */
    static final String UNKNOWN_REPLICA = "REPLICA_HOST";
    static final String UNKNOWN_PRIMARY = "PRIMARY_HOST";

    public ReplicationLagCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets, postgresTargets::serverTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        Duration threshold = postgresTargets.thresholds(context).replicationLag();
        return postgresTargets.withServer(context, (c, database) -> {
            boolean standby = Sql.one(c, "SELECT pg_is_in_recovery()", rs -> rs.getBoolean(1));
            if (!standby) {
                return asPrimary(context, c, database, threshold);
            }
            postgresTargets.auditedPrimary(context, database, d -> true).ifPresent(primary -> {
                throw new CheckSkippedException("the replay lag of this standby is reported by its primary, server "
                        + primary.server() + " (pg_stat_replication)");
            });
            return asStandby(context, c, database, threshold);
        });
    }

    private List<Problem> asPrimary(CheckContext context, Connection c, PostgresProperties.Database database,
                                    Duration threshold) throws SQLException {
        PostgresUrl primary = database.location();
        return Sql.list(c, """
                SELECT coalesce(s.slot_name, coalesce(nullif(r.application_name, ''), '(none)') || ' ('
                                || coalesce(host(r.client_addr), 'local') || ', pid ' || r.pid || ')'),
                       host(r.client_addr), r.state, r.sync_state, extract(epoch FROM r.replay_lag),
                       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn), 0)::bigint
                FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid
                WHERE r.replay_lag >= make_interval(secs => ?)
                ORDER BY r.replay_lag DESC, 1""", rs -> {
                    String client = rs.getString(2);
                    Map<String, Object> facts = facts("pg_stat_replication on " + context.target().name(),
                            rs.getDouble(5), rs.getLong(6), threshold);
                    facts.put("client", client == null ? "local" : client);
                    facts.put("state", rs.getString(3) + " (" + rs.getString(4) + ")");
                    facts.put("primary", postgresTargets.psql(database));
                    // the primary sees the standby's address, not its port: a standby cloned from its primary
                    // listens on the primary's port unless it was told otherwise
                    facts.put("standby", primary.on(client == null ? UNKNOWN_REPLICA : client, primary.port())
                            .psql(database.username()));
                    return Problem.of(PostgresCode.PG_401, new Resource("Replica", null, rs.getString(1)), facts);
                }, threshold.toMillis() / 1000.0);
    }

    private List<Problem> asStandby(CheckContext context, Connection c, PostgresProperties.Database database,
                                    Duration threshold) throws SQLException {
        // a standby that has replayed no commit since it started has no replay timestamp: its lag runs from its start
        return Sql.list(c, """
                SELECT extract(epoch FROM now() - replayed),
                       coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::bigint,
                       CASE WHEN pg_is_wal_replay_paused() THEN 'replay paused' ELSE 'replaying' END
                         || ', WAL receiver ' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'stopped'),
                       (SELECT sender_host FROM pg_stat_wal_receiver), (SELECT sender_port FROM pg_stat_wal_receiver)
                FROM (SELECT coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time()) AS replayed) r
                WHERE pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()
                  AND now() - replayed >= make_interval(secs => ?)""", rs -> {
                    String sender = rs.getString(4);
                    PostgresUrl standby = database.location();
                    Map<String, Object> facts = facts("this standby", rs.getDouble(1), rs.getLong(2), threshold);
                    facts.put("client", "local");
                    facts.put("state", rs.getString(3));
                    facts.put("primary", standby.on(sender == null ? UNKNOWN_PRIMARY : sender,
                            sender == null ? standby.port() : rs.getInt(5)).psql(database.username()));
                    facts.put("standby", postgresTargets.psql(database));
                    return Problem.of(PostgresCode.PG_401, Sql.server(context.target().name()), facts);
                }, threshold.toMillis() / 1000.0);
    }

    private static Map<String, Object> facts(String source, double lagSeconds, long pending, Duration threshold) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("source", source);
        facts.put("lag", Humanize.seconds(lagSeconds));
        facts.put("pending", Humanize.bytes(pending));
        facts.put("threshold", Humanize.duration(threshold));
        return facts;
    }
}
