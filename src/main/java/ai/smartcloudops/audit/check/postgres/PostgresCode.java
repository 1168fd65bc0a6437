package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.FindingCode;
import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Severity;

/** PostgreSQL codes: 1xx connections and pools, 2xx queries and locks, 3xx maintenance, 4xx replication. */
public enum PostgresCode implements FindingCode {
    // connections and pools: PG-1xx

    // queries and locks: PG-2xx

    // maintenance: PG-3xx

    // replication: PG-4xx
    ;

    private final Definition definition;

    PostgresCode(String code, Severity severity, String owner, String runbook, String title, String detail,
                 String remediation) {
        this.definition = new Definition(code, severity, Area.POSTGRES, Team.DATABASE, owner, runbook, title, detail,
                remediation);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
