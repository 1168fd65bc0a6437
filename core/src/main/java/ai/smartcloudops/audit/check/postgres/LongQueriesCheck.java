package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Statements of the database running longer than the threshold, the longest first, literals removed. */
@Component
public class LongQueriesCheck extends PostgresCheck {

    static final String ID = "postgres.long-queries";

    public LongQueriesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        Duration threshold = postgresTargets.thresholds(context).longQuery();
        PostgresSnapshot.Queries queries = snapshot.longQueries().get(context);
        Privileges.sessions(context, snapshot);
        if (queries.longest().isEmpty()) {
            return List.of();
        }
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("queries", queries.count());
        facts.put("threshold", Humanize.duration(threshold));
        facts.put("pid", queries.longest().get(0).pid());
        facts.put("longest", String.join("; ", queries.longest().stream()
                .map(q -> "pid " + q.pid() + " for " + Humanize.seconds(q.seconds()) + ", wait " + q.waitEvent()
                        + " (" + q.application() + ")").toList()));
        queries.longest().forEach(q -> facts.put("pid " + q.pid(), q.query()));
        return List.of(Problem.of(PostgresCode.PG_201, Sql.database(snapshot.database()), facts));
    }
}
