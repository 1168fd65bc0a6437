package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PG-309, pghero's missing indexes: a table of many rows whose scans are mostly sequential since the statistics were
 * reset. Each reads every row; an index on the columns its queries filter by would read a few. Judged on every server
 * (the statistics are each server's own), the guide's "Database Performance Degradation".
 */
@Component
public class MissingIndexesCheck extends PostgresCheck {

    static final String ID = "postgres.missing-indexes";

    public MissingIndexesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        PostgresSnapshot.SeqScans scans = snapshot.seqScans().get(context);
        int threshold = postgresTargets.thresholds(context).indexUsePercent();
        return scans.tables().stream().map(table -> {
            Map<String, Object> facts = facts(context, snapshot);
            facts.put("qualified", table.qualified());
            facts.put("rows", table.rows());
            facts.put("seqScans", table.seqScans());
            facts.put("indexScans", table.indexScans());
            facts.put("seqRowsRead", table.seqRowsRead());
            facts.put("indexPercent", Humanize.percent(table.indexPercent()));
            facts.put("threshold", threshold + "%");
            facts.put("since", scans.since());
            return Problem.of(PostgresCode.PG_309, new Resource("Table", table.schema(), table.table()), facts);
        }).toList();
    }
}
