package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PG-307, pghero's duplicate indexes: an index whose columns lead another index of its table (same method, predicate
 * and expressions) serves no query the other does not, and every write maintains both.
 */
@Component
public class DuplicateIndexesCheck extends PostgresCheck {

    static final String ID = "postgres.duplicate-indexes";

    public DuplicateIndexesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        skipOnStandby(context, snapshot, "duplicate indexes (PG-307)");
        return snapshot.duplicateIndexes().get(context).stream().map(duplicate -> {
            Map<String, Object> facts = facts(context, snapshot, duplicate.index());
            facts.put("coveredBy", duplicate.coveredBy());
            facts.put("coveringDefinition", duplicate.coveringDefinition());
            return Problem.of(PostgresCode.PG_307, new Resource("Index", duplicate.index().schema(),
                    duplicate.index().name()), facts);
        }).toList();
    }
}
