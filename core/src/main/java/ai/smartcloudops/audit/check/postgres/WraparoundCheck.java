package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.text.Humanize;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Transaction-ID wraparound: the age of the database's oldest unfrozen transaction ID. */
@Component
public class WraparoundCheck extends PostgresCheck {

    static final String ID = "postgres.wraparound";
    /** Transaction IDs wrap at 2^31; past this age the finding is P1. */
    static final long LIMIT = 2_147_483_648L;
    static final long CRITICAL_AGE = 1_500_000_000L;

    public WraparoundCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    static String grade(long age) {
        return age > CRITICAL_AGE ? PostgresCode.AGE_CRITICAL : Grade.DEFAULT;
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        long threshold = postgresTargets.thresholds(context).wraparoundAge();
        PostgresSnapshot.Wraparound wraparound = snapshot.wraparound().get(context);
        long age = wraparound.age();
        if (age < threshold) {
            return List.of();
        }
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("age", age);
        facts.put("percent", Humanize.percent(100.0 * age / LIMIT));
        facts.put("threshold", threshold);
        facts.put("freezeMaxAge", wraparound.freezeMaxAge());
        facts.put("oldestTable", wraparound.oldestTable());
        facts.put("oldestTableAge", wraparound.oldestTableAge());
        return List.of(Problem.graded(PostgresCode.PG_303, grade(age), Sql.database(snapshot.database()), facts));
    }
}
