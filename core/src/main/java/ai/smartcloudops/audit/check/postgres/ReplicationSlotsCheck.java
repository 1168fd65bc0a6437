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
public class ReplicationSlotsCheck extends PostgresServerCheck {

    static final String ID = "postgres.replication-slots";

    public ReplicationSlotsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresServerSnapshot snapshot) {
        return snapshot.slots().get(context).stream().map(slot -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("slotType", slot.type());
            facts.put("slotDatabase", slot.database());
            facts.put("plugin", slot.plugin());
            facts.put("walStatus", slot.walStatus());
            facts.put("restartLsn", slot.restartLsn());
            facts.put("retained", Humanize.bytes(slot.retained()));
            facts.put("psql", postgresTargets.psql(snapshot.database()));
            return Problem.of(PostgresCode.PG_402, new Resource("ReplicationSlot", null, slot.name()), facts);
        }).toList();
    }
}
