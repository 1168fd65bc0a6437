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
    AWS_301("AWS-301", Severity.P1, Team.NETWORK, ElbTargetHealthCheck.ID, AwsCode.ALB_SECTION,
            "Target group {name}: {unhealthy} of {total} targets unhealthy",
            "Unhealthy: {targets}. Healthy targets left: {healthy} (P0 when none is). Load balancers: "
                    + "{loadBalancers}. The ALB health-checks {protocol} {healthCheckPath} on port {port}.",
            """
            aws elbv2 describe-target-health --target-group-arn {arn} --region {region}
            kubectl describe ingress smartcloudops-ingress -n smartcloudops
            kubectl port-forward deployment/smartcloudops-api 8080:5000 -n smartcloudops
            curl http://localhost:8080{healthCheckPath}"""),
    AWS_302("AWS-302", Severity.P2, Team.NETWORK, ElbHealthCheckPathCheck.ID, AwsCode.ALB_SECTION,
            "Target group {name} health-checks {healthCheckPath}, not {expectedPath}",
            "The ALB probes {protocol} {healthCheckPath} on port {port} of the targets behind {loadBalancers}; "
                    + "the guide's health endpoint is {expectedPath}, so the ALB can mark ready pods unhealthy "
                    + "(or keep broken ones in service).",
            """
            aws elbv2 describe-target-groups --target-group-arns {arn} --region {region}
            kubectl patch ingress smartcloudops-ingress -n smartcloudops -p '
            metadata:
              annotations:
                alb.ingress.kubernetes.io/healthcheck-path: {expectedPath}
                alb.ingress.kubernetes.io/healthcheck-interval-seconds: "30"
                alb.ingress.kubernetes.io/healthcheck-timeout-seconds: "5"
            '
            aws elbv2 describe-target-health --target-group-arn {arn} --region {region}"""),

    // RDS: AWS-4xx

    // ElastiCache: AWS-5xx

    // ACM: AWS-6xx
    ;

    static final String ALB_SECTION = "Load Balancer Health Check Failures";

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
