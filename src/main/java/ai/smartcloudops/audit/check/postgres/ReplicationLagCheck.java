package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Replicas that replay WAL too late, seen from either side: a primary lists its standbys in pg_stat_replication
 * (one finding per standby), and a standby audited itself measures the age of the last transaction it replayed
 * while WAL it has received still waits (an idle primary is not lag).
 */
@Component
public class ReplicationLagCheck extends PostgresCheck {

    static final String ID = "postgres.replication-lag";

    public ReplicationLagCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        Duration threshold = postgresTargets.thresholds(context).replicationLag();
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            boolean standby = Sql.one(c, "SELECT pg_is_in_recovery()", rs -> rs.getBoolean(1));
            return standby ? asStandby(context, c, database, threshold) : asPrimary(context, c, database, threshold);
        });
    }

    private List<Finding> asPrimary(CheckContext context, Connection c, String database, Duration threshold)
            throws SQLException {
        return Sql.list(c, """
                SELECT coalesce(nullif(application_name, ''), host(client_addr), pid::text),
                       coalesce(host(client_addr), 'local'), state, sync_state,
                       extract(epoch FROM coalesce(replay_lag, interval '0')),
                       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint
                FROM pg_stat_replication
                WHERE coalesce(replay_lag, interval '0') >= make_interval(secs => ?)
                ORDER BY replay_lag DESC""", rs -> {
                    Map<String, Object> facts = facts(database, "pg_stat_replication on the primary",
                            rs.getDouble(5), rs.getLong(6), threshold);
                    facts.put("client", rs.getString(2));
                    facts.put("state", rs.getString(3) + " (" + rs.getString(4) + ")");
                    return context.finding(PostgresCode.PG_401, new Resource("Replica", null, rs.getString(1)),
                            facts);
                }, threshold.toMillis() / 1000.0);
    }

    private List<Finding> asStandby(CheckContext context, Connection c, String database, Duration threshold)
            throws SQLException {
        // a standby that has replayed no commit since it started has no replay timestamp: its lag runs from its start
        return Sql.list(c, """
                SELECT extract(epoch FROM now() - replayed),
                       coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::bigint,
                       CASE WHEN pg_is_wal_replay_paused() THEN 'replay paused' ELSE 'replaying' END
                         || ', WAL receiver ' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'stopped')
                FROM (SELECT coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time()) AS replayed) r
                WHERE pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()
                  AND now() - replayed >= make_interval(secs => ?)""", rs -> {
                    Map<String, Object> facts = facts(database, "this standby", rs.getDouble(1), rs.getLong(2),
                            threshold);
                    facts.put("client", "local");
                    facts.put("state", rs.getString(3));
                    return context.finding(PostgresCode.PG_401, Sql.database(database), facts);
                }, threshold.toMillis() / 1000.0);
    }

    private static Map<String, Object> facts(String database, String source, double lagSeconds, long pending,
                                             Duration threshold) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("database", database);
        facts.put("source", source);
        facts.put("lag", Sql.duration(lagSeconds));
        facts.put("pending", Sql.bytes(pending));
        facts.put("threshold", Sql.duration(threshold));
        return facts;
    }
}
