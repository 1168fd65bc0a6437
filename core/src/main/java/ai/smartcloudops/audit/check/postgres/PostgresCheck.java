package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A check of a configured database: it inspects the database's {@link PostgresSnapshot}, read once per run for
 * every PostgreSQL check of the database, and says what problems it sees; it reads nothing itself.
 */
abstract class PostgresCheck extends AreaCheck {

    protected final PostgresTargets postgresTargets;

    PostgresCheck(String id, PostgresTargets postgresTargets) {
        super(id, PostgresCode.class, postgresTargets::targets);
        this.postgresTargets = postgresTargets;
    }

    /** What the check finds in the database's snapshot. */
    abstract List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot);

    /** The facts every finding of a database starts from: its name, and how psql reaches it as the audit does. */
    Map<String, Object> facts(CheckContext context, PostgresSnapshot snapshot) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("database", snapshot.database());
        facts.put("psql", postgresTargets.psql(context));
        return facts;
    }

    /** ... and of an index: its qualified name, table, size and definition. */
    Map<String, Object> facts(CheckContext context, PostgresSnapshot snapshot, PostgresSnapshot.Index index) {
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("qualified", index.qualified());
        facts.put("table", index.table());
        facts.put("size", Humanize.bytes(index.bytes()));
        facts.put("definition", index.definition());
        return facts;
    }

    /**
     * Skips a check of catalog facts ({@code what}) on a database on a standby whose primary is audited with the same
     * database: the standby's catalog is a copy of the primary's, so the facts are reported on the primary, once.
     */
    static void skipOnStandby(CheckContext context, PostgresSnapshot snapshot, String what) {
        snapshot.primary().ifPresent(primary -> {
            throw new CheckSkippedException(what + " of " + context.target().name() + " are reported on " + primary
                    + ", on the primary of this standby: a standby's catalog is a copy of its primary's");
        });
    }

    @Override
    public final List<Problem> run(CheckContext context) {
        return inspect(context, context.shared(PostgresSnapshot.key("postgres.snapshot", PostgresSnapshot.class,
                context), () -> PostgresSnapshot.read(context, postgresTargets)));
    }
}
