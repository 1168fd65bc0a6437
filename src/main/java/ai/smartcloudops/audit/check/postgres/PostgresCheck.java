package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.Target;
import java.util.List;

/** What every PostgreSQL check shares: its id, the area and the configured databases as targets. */
abstract class PostgresCheck implements Check {

    private final String id;
    protected final PostgresTargets postgresTargets;

    PostgresCheck(String id, PostgresTargets postgresTargets) {
        this.id = id;
        this.postgresTargets = postgresTargets;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Area area() {
        return Area.POSTGRES;
    }

    @Override
    public final List<Target> targets() {
        return postgresTargets.targets();
    }
}
