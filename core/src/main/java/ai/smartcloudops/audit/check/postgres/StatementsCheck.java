package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guide's query-performance diagnostic: the statements of this database with the highest mean time in
 * pg_stat_statements (PG-202), or PG-203 when the extension is not there to ask. Without pg_read_all_stats the
 * statements of other roles come without their text: the check is partial.
 */
@Component
public class StatementsCheck extends PostgresCheck {

    static final String ID = "postgres.statements";

    public StatementsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        PostgresSnapshot.Statements statements = snapshot.statements().get(context);
        String database = snapshot.database();
        if (statements.missing() != null) {
            Map<String, Object> facts = facts(context, snapshot);
            facts.put("reason", statements.missing());
            return List.of(Problem.of(PostgresCode.PG_203, Sql.database(database), facts));
        }
        Privileges.stats(context, snapshot, statements.hidden(),
                "statements of other roles in pg_stat_statements (their text and queryid)");
        if (statements.slowest().isEmpty()) {
            return List.of();
        }
        PostgresSnapshot.Statement slowest = statements.slowest().get(0);
        int shown = (int) Math.min(statements.count(), thresholds.topStatements());
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("statements", statements.count());
        facts.put("threshold", Humanize.millis(thresholds.slowMeanMillis()));
        facts.put("minCalls", thresholds.slowMinCalls());
        facts.put("slowestMean", Humanize.millis(slowest.meanMillis()));
        facts.put("slowestCalls", slowest.calls());
        facts.put("shown", shown);
        statements.slowest().stream().limit(shown).forEach(s -> facts.put("queryid " + s.queryId(),
                "mean " + Humanize.millis(s.meanMillis()) + ", " + s.calls() + " calls, total "
                        + Humanize.millis(s.totalMillis()) + ": " + s.query()));
        return List.of(Problem.of(PostgresCode.PG_202, Sql.database(database), facts));
    }
}
