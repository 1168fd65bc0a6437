package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Statements of the database running longer than the threshold, the longest first, literals removed. */
@Component
public class LongQueriesCheck extends PostgresCheck {

    static final String ID = "postgres.long-queries";
    static final int SHOWN = 5;

    public LongQueriesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    private record Query(int pid, double seconds, String waitEvent, String application, String query) {
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        Duration threshold = postgresTargets.thresholds(context).longQuery();
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            List<Query> queries = Sql.list(c, """
                    SELECT pid, extract(epoch FROM now() - query_start),
                           coalesce(wait_event_type || '/' || wait_event, 'none'),
                           coalesce(nullif(application_name, ''), '(none)'), query
                    FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> ALL (?) AND state = 'active'
                      AND backend_type = 'client backend'
                      AND now() - query_start >= make_interval(secs => ?)
                    ORDER BY query_start""",
                    rs -> new Query(rs.getInt(1), rs.getDouble(2), rs.getString(3), rs.getString(4),
                            Sql.redact(rs.getString(5))),
                    postgresTargets.ownSessions(c, context), threshold.toMillis() / 1000.0);
            Privileges.sessions(context, c);
            if (queries.isEmpty()) {
                return List.of();
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("database", database);
            facts.put("psql", postgresTargets.psql(context));
            facts.put("queries", queries.size());
            facts.put("threshold", Humanize.duration(threshold));
            facts.put("pid", queries.get(0).pid());
            facts.put("longest", String.join("; ", queries.stream().limit(SHOWN)
                    .map(q -> "pid " + q.pid() + " for " + Humanize.seconds(q.seconds()) + ", wait " + q.waitEvent()
                            + " (" + q.application() + ")").toList()));
            queries.stream().limit(SHOWN).forEach(q -> facts.put("pid " + q.pid(), q.query()));
            return List.of(Problem.of(PostgresCode.PG_201, Sql.database(database), facts));
        });
    }
}
