package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.FindingCode;
import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Severity;

/**
 * AWS codes: 1xx EC2, 2xx EKS, 3xx ELB, 4xx RDS, 5xx ElastiCache, 6xx ACM. Runbook sections are the guide's; the
 * remediation is its aws CLI commands with the resource's names filled in.
 */
public enum AwsCode implements FindingCode {
    // EC2: AWS-1xx

    // EKS: AWS-2xx

    // ELB: AWS-3xx

    // RDS: AWS-4xx

    // ElastiCache: AWS-5xx

    // ACM: AWS-6xx
    ;

    private final Definition definition;

    AwsCode(String code, Severity severity, Team team, String owner, String runbook, String title, String detail,
            String remediation) {
        this.definition = new Definition(code, severity, Area.AWS, team, owner, runbook, title, detail, remediation);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
