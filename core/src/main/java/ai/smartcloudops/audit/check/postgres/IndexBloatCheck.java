package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PG-312, pghero's index bloat: a B-tree index estimated at least {@code index-bloat-percent} and
 * {@code index-bloat-bytes} larger than its rows need, the guide's REINDEX. An estimate from the catalog and the
 * statistics, read on the primary only (a standby's indexes are copies of its primary's).
 */
@Component
public class IndexBloatCheck extends PostgresCheck {

    static final String ID = "postgres.index-bloat";

    public IndexBloatCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        skipOnStandby(context, snapshot, "bloated indexes (PG-312)");
        PostgresSnapshot.BloatedIndexes bloatedIndexes = snapshot.bloatedIndexes().get(context);
        if (bloatedIndexes.unreadable() > 0) {
            context.partial(bloatedIndexes.unreadable() + " B-tree index" + (bloatedIndexes.unreadable() == 1 ? ""
                            : "es") + " of tables the role may not read (their columns' statistics in pg_stats)",
                    "SELECT on the tables", "GRANT pg_read_all_data TO " + snapshot.role()
                            + "; -- PostgreSQL 14 on; before it, GRANT SELECT ON the tables");
        }
        return bloatedIndexes.indexes().stream().map(bloated -> {
            Map<String, Object> facts = facts(context, snapshot, bloated.index());
            facts.put("bloat", Humanize.bytes(bloated.bloatBytes()));
            facts.put("bloatPercent", Humanize.percent(bloated.bloatPercent()));
            facts.put("needed", Humanize.bytes((double) bloated.neededPages() * bloated.blockSize()));
            facts.put("fillfactor", bloated.fillfactor());
            return Problem.of(PostgresCode.PG_312, new Resource("Index", bloated.index().schema(),
                    bloated.index().name()), facts);
        }).toList();
    }
}
