package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
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
    public List<Problem> run(CheckContext context) throws Exception {
        long threshold = postgresTargets.thresholds(context).wraparoundAge();
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            long age = Sql.one(c, "SELECT age(datfrozenxid) FROM pg_database WHERE datname = current_database()",
                    rs -> rs.getLong(1));
            if (age < threshold) {
                return List.of();
            }
            String[] oldest = Sql.list(c, """
                    SELECT c.oid::regclass::text, age(c.relfrozenxid) FROM pg_class c
                    WHERE c.relkind IN ('r', 'm', 't') AND c.relfrozenxid <> '0'
                    ORDER BY age(c.relfrozenxid) DESC LIMIT 1""",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}).stream().findFirst()
                    .orElse(new String[] {"(none)", "0"});
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("database", database);
            facts.put("psql", postgresTargets.psql(context));
            facts.put("age", age);
            facts.put("percent", Humanize.percent(100.0 * age / LIMIT));
            facts.put("threshold", threshold);
            facts.put("freezeMaxAge", Sql.one(c, "SELECT current_setting('autovacuum_freeze_max_age')",
                    rs -> rs.getString(1)));
            facts.put("oldestTable", oldest[0]);
            facts.put("oldestTableAge", oldest[1]);
            return List.of(Problem.graded(PostgresCode.PG_303, grade(age), Sql.database(database), facts));
        });
    }
}
