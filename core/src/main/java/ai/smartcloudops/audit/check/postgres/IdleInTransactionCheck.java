package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sessions of the database idle in an open transaction for too long: state, age and application only. */
@Component
public class IdleInTransactionCheck extends PostgresCheck {

    static final String ID = "postgres.idle-in-transaction";

    public IdleInTransactionCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        Duration threshold = postgresTargets.thresholds(context).idleInTransaction();
        PostgresSnapshot.Sessions sessions = snapshot.idleInTransaction().get(context);
        Privileges.sessions(context, snapshot);
        if (sessions.oldest().isEmpty()) {
            return List.of();
        }
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("sessions", sessions.count());
        facts.put("threshold", Humanize.duration(threshold));
        facts.put("pid", sessions.oldest().get(0).pid());
        facts.put("oldest", String.join("; ", sessions.oldest().stream()
                .map(s -> "pid " + s.pid() + " " + s.state() + " for " + Humanize.seconds(s.idleSeconds())
                        + " (" + s.application() + ", user " + s.user() + ")").toList()));
        return List.of(Problem.of(PostgresCode.PG_103, Sql.database(snapshot.database()), facts));
    }
}
