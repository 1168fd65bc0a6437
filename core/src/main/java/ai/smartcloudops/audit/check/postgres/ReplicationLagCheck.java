package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
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
public class ReplicationLagCheck extends PostgresServerCheck {

    public static final String ID = "postgres.replication-lag";
    /** Where a standby or primary would be named in a remediation when replication does not say. */
    static final String UNKNOWN_REPLICA = "REPLICA_HOST";
    static final String UNKNOWN_PRIMARY = "PRIMARY_HOST";

    public ReplicationLagCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresServerSnapshot snapshot) {
        Duration threshold = postgresTargets.thresholds(context).replicationLag();
        PostgresProperties.Database database = snapshot.database();
        if (!snapshot.standby()) {
            PostgresUrl primary = database.location();
            return snapshot.replicas().get(context).stream().map(r -> {
                Map<String, Object> facts = facts("pg_stat_replication on " + context.target().name(),
                        r.lagSeconds(), r.pending(), threshold);
                facts.put("client", r.client() == null ? "local" : r.client());
                facts.put("state", r.state() + " (" + r.syncState() + ")");
                facts.put("primary", postgresTargets.psql(database));
                // the primary sees the standby's address, not its port: a standby cloned from its primary
                // listens on the primary's port unless it was told otherwise
                facts.put("standby", primary.on(r.client() == null ? UNKNOWN_REPLICA : r.client(), primary.port())
                        .psql(database.username()));
                return Problem.of(PostgresCode.PG_401, new Resource("Replica", null, r.name()), facts);
            }).toList();
        }
        snapshot.primary().ifPresent(primary -> {
            throw new CheckSkippedException("the replay lag of this standby is reported by its primary, server "
                    + primary.server() + " (pg_stat_replication)");
        });
        PostgresUrl standby = database.location();
        return snapshot.replay().get(context).stream().map(r -> {
            Map<String, Object> facts = facts("this standby", r.lagSeconds(), r.pending(), threshold);
            facts.put("client", "local");
            facts.put("state", r.state());
            facts.put("primary", standby.on(r.senderHost() == null ? UNKNOWN_PRIMARY : r.senderHost(),
                    r.senderHost() == null ? standby.port() : r.senderPort()).psql(database.username()));
            facts.put("standby", postgresTargets.psql(database));
            return Problem.of(PostgresCode.PG_401, Sql.server(context.target().name()), facts);
        }).toList();
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
