package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Indexes left invalid by a failed concurrent build, not ones being built right now. */
@Component
public class InvalidIndexesCheck extends PostgresCheck {

    static final String ID = "postgres.invalid-indexes";

    public InvalidIndexesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        skipOnStandby(context, snapshot, "invalid indexes (PG-304)");
        return snapshot.invalidIndexes().get(context).stream().map(index -> {
            Map<String, Object> facts = facts(context, snapshot, index);
            facts.put("recreate", index.definition().replaceFirst("^CREATE (UNIQUE )?INDEX ",
                    "CREATE $1INDEX CONCURRENTLY "));
            return Problem.of(PostgresCode.PG_304, new Resource("Index", index.schema(), index.name()), facts);
        }).toList();
    }
}
