package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tables bloated with dead tuples (many, and a large share of the table), or with many dead tuples and no
 * vacuum or analyze for longer than the stale threshold.
 */
@Component
public class DeadTuplesCheck extends PostgresCheck {

    static final String ID = "postgres.dead-tuples";

    public DeadTuplesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        PostgresProperties.Thresholds t = postgresTargets.thresholds(context);
        List<Problem> problems = new ArrayList<>();
        for (PostgresSnapshot.DeadTuples table : snapshot.deadTuples().get(context)) {
            // in double: counters near their limit must not overflow into a negative share
            double ratio = table.dead() / Math.max(1.0, (double) table.live() + table.dead());
            List<String> reasons = new ArrayList<>();
            if (ratio >= t.deadTupleRatio()) {
                reasons.add(Humanize.percent(100 * ratio) + " of the table's tuples are dead (threshold "
                        + Humanize.percent(100 * t.deadTupleRatio()) + ")");
            }
            if (table.vacuumStale()) {
                reasons.add(table.lastVacuum() == null ? "never vacuumed"
                        : "not vacuumed for " + Humanize.duration(t.staleVacuum()) + " or more");
            }
            if (table.analyzeStale()) {
                reasons.add(table.lastAnalyze() == null ? "never analyzed"
                        : "not analyzed for " + Humanize.duration(t.staleVacuum()) + " or more");
            }
            if (reasons.isEmpty()) {
                continue;
            }
            Map<String, Object> facts = facts(context, snapshot);
            facts.put("qualified", table.qualified());
            facts.put("deadTuples", table.dead());
            facts.put("deadPercent", Humanize.percent(100 * ratio));
            facts.put("liveTuples", table.live());
            facts.put("reason", capitalized(String.join(", ", reasons)));
            facts.put("lastVacuum", when(table.lastVacuum()));
            facts.put("lastAnalyze", when(table.lastAnalyze()));
            facts.put("autovacuum", "false".equals(table.autovacuum()) ? "disabled"
                    : "true".equals(table.autovacuum()) ? "enabled" : "as the server is set");
            problems.add(Problem.of(PostgresCode.PG_302, new Resource("Table", table.schema(), table.table()), facts));
        }
        return problems;
    }

    private static String when(Instant instant) {
        return instant == null ? "never" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
