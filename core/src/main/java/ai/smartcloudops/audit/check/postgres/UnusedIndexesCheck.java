package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Large indexes never scanned since the statistics were reset; unique, primary-key and exclusion ones excepted. */
@Component
public class UnusedIndexesCheck extends PostgresCheck {

    static final String ID = "postgres.unused-indexes";

    public UnusedIndexesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        skipOnStandby(context, snapshot, "unused indexes (PG-305)");
        PostgresSnapshot.UnusedIndexes unused = snapshot.unusedIndexes().get(context);
        return unused.indexes().stream().map(index -> {
            Map<String, Object> facts = facts(context, snapshot, index);
            facts.put("since", unused.since());
            return Problem.of(PostgresCode.PG_305, new Resource("Index", index.schema(), index.name()), facts);
        }).toList();
    }
}
