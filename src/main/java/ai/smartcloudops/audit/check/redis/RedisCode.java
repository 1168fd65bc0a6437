package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.FindingCode;
import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Severity;

/** Redis codes (REDIS-1xx): reachability, hit rate, memory and eviction policy, clients, persistence. */
public enum RedisCode implements FindingCode {
    // REDIS-101 and up
    ;

    private final Definition definition;

    RedisCode(String code, Severity severity, String owner, String runbook, String title, String detail,
              String remediation) {
        this.definition = new Definition(code, severity, Area.REDIS, Team.DATABASE, owner, runbook, title, detail,
                remediation);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
