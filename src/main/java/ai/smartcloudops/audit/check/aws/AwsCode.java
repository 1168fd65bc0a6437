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
    AWS_601("AWS-601", Severity.P0, Team.PLATFORM, AcmCertificateCheck.ID, AwsCode.CERT_SECTION,
            "ACM certificate {domain} expired on {notAfter}",
            "{type} certificate, not valid after {notAfter} ({ago} ago). In use by: {inUseBy} (P0 in use, P1 "
                    + "unused). Renewal: {renewal}.",
            AwsCode.RENEW),
    AWS_602("AWS-602", Severity.P3, Team.PLATFORM, AcmCertificateCheck.ID, AwsCode.CERT_SECTION,
            "ACM certificate {domain} expires in {left}",
            "{type} certificate, not valid after {notAfter}: {left} left (in use: P3 within {p3}, P2 within {p2}, "
                    + "P1 within {p1}; unused: P3). In use by: {inUseBy}. ACM renews an eligible Amazon-issued or "
                    + "private certificate from 60 days before it expires and never an IMPORTED one: renewal "
                    + "eligibility {eligibility}, renewal {renewal}.",
            AwsCode.RENEW),
    AWS_603("AWS-603", Severity.P2, Team.PLATFORM, AcmCertificateCheck.ID, AwsCode.CERT_SECTION,
            "Renewal of ACM certificate {domain} failed: {reason}",
            "ACM could not renew it ({reason}, updated {updatedAt}); it stays valid only until {notAfter} "
                    + "({left} left). In use by: {inUseBy} (P1 in use, P2 unused). Pending validation: "
                    + "{validation}.",
            AwsCode.RENEW),
    AWS_604("AWS-604", Severity.P3, Team.PLATFORM, AcmCertificateCheck.ID, AwsCode.CERT_SECTION,
            "Imported certificate {domain} on the ALB is not renewed automatically",
            "ACM never renews an IMPORTED certificate: a new one must be imported before {notAfter} ({left} "
                    + "left; P2 within {p2}, when an Amazon-issued one would already have been renewed). In use by "
                    + "{loadBalancers}.",
            AwsCode.RENEW),
    ;

    static final String ALB_SECTION = "Load Balancer Health Check Failures";
    static final String CERT_SECTION = "Certificate Expiration";

    /** The guide's certificate renewal, for ACM: look, renew or re-import, restart the controller, verify. */
    private static final String RENEW = """
            aws acm describe-certificate --certificate-arn {arn} --region {region}
            openssl s_client -connect {host}:443 -servername {host} 2>/dev/null | openssl x509 -noout -dates
            # AMAZON_ISSUED: ACM renews it by itself once every domain validates: create the CNAME records of
            # Certificate.DomainValidationOptions[].ResourceRecord above in DNS, and check again
            # IMPORTED: import the new certificate under the same ARN
            aws acm import-certificate --certificate-arn {arn} --region {region} \\
              --certificate fileb://new-certificate.crt \\
              --private-key fileb://private-key.key \\
              --certificate-chain fileb://certificate-chain.crt
            kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system
            curl -vI https://{host} 2>&1 | grep -E "(expire|subject|issuer)\"""";

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
