package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Replication slots without a consumer, once per server: its physical slots and the logical slots of every database. */
@Component
public class ReplicationSlotsCheck extends PostgresCheck {

    static final String ID = "postgres.replication-slots";

    public ReplicationSlotsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets, postgresTargets::serverTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        return postgresTargets.withServer(context, (c, database) -> Sql.list(c, """
                SELECT slot_name, slot_type, coalesce(database, '(all)'), coalesce(plugin, '(none)'),
                       coalesce(wal_status, 'unknown'), coalesce(restart_lsn::text, '(none)'),
                       coalesce(pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn()
                                                     ELSE pg_current_wal_lsn() END, restart_lsn), 0)::bigint
                FROM pg_replication_slots
                WHERE NOT active
                ORDER BY slot_name""", rs -> {
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("slotType", rs.getString(2));
                    facts.put("slotDatabase", rs.getString(3));
                    facts.put("plugin", rs.getString(4));
                    facts.put("walStatus", rs.getString(5));
                    facts.put("restartLsn", rs.getString(6));
                    facts.put("retained", Humanize.bytes(rs.getLong(7)));
                    facts.put("psql", postgresTargets.psql(database));
                    return Problem.of(PostgresCode.PG_402, new Resource("ReplicationSlot", null,
                            rs.getString(1)), facts);
                }));
    }
}
