package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.AreaCheck;

/** What every PostgreSQL check shares: its id, the area and the configured databases as targets. */
abstract class PostgresCheck extends AreaCheck {

    protected final PostgresTargets postgresTargets;

    PostgresCheck(String id, PostgresTargets postgresTargets) {
        super(id, Area.POSTGRES, postgresTargets::targets);
        this.postgresTargets = postgresTargets;
    }

}
