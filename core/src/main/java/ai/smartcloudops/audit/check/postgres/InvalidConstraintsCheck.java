package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PG-308, pghero's invalid constraints: a foreign key or check constraint added NOT VALID and never validated. New
 * rows are checked, the rows from before it never were, and the planner cannot rely on it.
 */
@Component
public class InvalidConstraintsCheck extends PostgresCheck {

    static final String ID = "postgres.invalid-constraints";

    public InvalidConstraintsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        skipOnStandby(context, snapshot, "invalid constraints (PG-308)");
        return snapshot.invalidConstraints().get(context).stream().map(constraint -> {
            Map<String, Object> facts = facts(context, snapshot);
            facts.put("table", constraint.table());
            facts.put("type", constraint.type());
            facts.put("definition", constraint.definition());
            return Problem.of(PostgresCode.PG_308, new Resource("Constraint", constraint.schema(),
                    constraint.name()), facts);
        }).toList();
    }
}
