package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sessions of the database idle in an open transaction for too long: state, age and application only. */
@Component
public class IdleInTransactionCheck extends PostgresCheck {

    static final String ID = "postgres.idle-in-transaction";
    static final int SHOWN = 5;

    public IdleInTransactionCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    private record Session(int pid, double idleSeconds, String application, String user, String state) {
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        Duration threshold = postgresTargets.thresholds(context).idleInTransaction();
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            List<Session> sessions = Sql.list(c, """
                    SELECT pid, extract(epoch FROM now() - state_change), coalesce(nullif(application_name, ''), '(none)'),
                           coalesce(usename, '(none)'), state
                    FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> ALL (?)
                      AND state IN ('idle in transaction', 'idle in transaction (aborted)')
                      AND now() - state_change >= make_interval(secs => ?)
                    ORDER BY state_change""",
                    rs -> new Session(rs.getInt(1), rs.getDouble(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)),
                    postgresTargets.ownSessions(c, context), threshold.toMillis() / 1000.0);
            Privileges.sessions(context, c);
            if (sessions.isEmpty()) {
                return List.of();
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("database", database);
            facts.put("psql", postgresTargets.psql(context));
            facts.put("sessions", sessions.size());
            facts.put("threshold", Humanize.duration(threshold));
            facts.put("pid", sessions.get(0).pid());
            facts.put("oldest", String.join("; ", sessions.stream().limit(SHOWN)
                    .map(s -> "pid " + s.pid() + " " + s.state() + " for " + Humanize.seconds(s.idleSeconds())
                            + " (" + s.application() + ", user " + s.user() + ")").toList()));
            return List.of(Problem.of(PostgresCode.PG_103, Sql.database(database), facts));
        });
    }
}
