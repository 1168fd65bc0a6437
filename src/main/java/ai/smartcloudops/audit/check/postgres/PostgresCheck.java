package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.Target;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every PostgreSQL check shares: its id, the area and its targets — the configured databases, or for a check
 * of server-wide facts the servers they are on.
 */
abstract class PostgresCheck extends AreaCheck {

    protected final PostgresTargets postgresTargets;

    PostgresCheck(String id, PostgresTargets postgresTargets) {
        this(id, postgresTargets, postgresTargets::targets);
    }

    PostgresCheck(String id, PostgresTargets postgresTargets, Supplier<List<Target>> targets) {
        super(id, PostgresCode.class, targets);
        this.postgresTargets = postgresTargets;
    }
}
