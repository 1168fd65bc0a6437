package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.queryError;
import static ai.smartcloudops.audit.check.aws.AwsFixtures.run;
import static ai.smartcloudops.audit.demo.aws.AwsDataStubs.getMetricDataRequested;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.aws.AwsDataStubs;
import ai.smartcloudops.audit.demo.aws.AwsProtocol;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Fingerprint;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real RDS and CloudWatch clients against the demo's stub bodies: the instances check and the metrics check of
 * one target in one run, the instances described once for both.
 */
class RdsInstancesCheckTest {

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    private final AwsTargets targets = aws.targets();
    private final RdsInstancesCheck instances = new RdsInstancesCheck(targets);
    private final RdsMetricsCheck metrics = new RdsMetricsCheck(targets);

    /** Both RDS checks on one target in one run, as the sweep runs them. */
    private List<Finding> runBoth() throws Exception {
        CheckContext context = AwsFixtures.context(instances, metrics);
        List<Finding> findings = new ArrayList<>(context.findings(instances));
        findings.addAll(context.forCheck(metrics.id()).findings(metrics));
        return findings;
    }

    private static Finding only(List<Finding> findings, String code, String name) {
        return findings.stream().filter(f -> f.code().code().equals(code) && f.resource().name().equals(name))
                .reduce((a, b) -> {
                    throw new AssertionError("two " + code + " on " + name);
                }).orElseThrow(() -> new AssertionError("no " + code + " on " + name + " in " + findings));
    }

    @Test
    void everyFaultOfBothPagesIsFoundAndTheHealthyInstancesRaiseNothing() throws Exception {
        AwsDataStubs.rds(aws.server);

        List<Finding> findings = runBoth();

        assertThat(findings)
                .extracting(f -> f.code().code(), Finding::severity, f -> f.resource().name(), Finding::checkId)
                .containsExactlyInAnyOrder(
                        tuple("AWS-402", Severity.P1, "smartcloudops-prod", "aws.rds.metrics"),
                        tuple("AWS-403", Severity.P2, "smartcloudops-prod", "aws.rds.metrics"),
                        tuple("AWS-406", Severity.P3, "smartcloudops-prod", "aws.rds.instances"),
                        tuple("AWS-402", Severity.P2, "smartcloudops-analytics-prod", "aws.rds.metrics"),
                        tuple("AWS-404", Severity.P2, "smartcloudops-analytics-prod", "aws.rds.instances"),
                        tuple("AWS-405", Severity.P1, "smartcloudops-analytics-prod", "aws.rds.instances"),
                        tuple("AWS-401", Severity.P1, "smartcloudops-prod-replica", "aws.rds.instances"));
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.resource()).isEqualTo(new Resource("DBInstance", null, f.resource().name()));
            assertThat(f.target()).isEqualTo("prod/us-east-1");
        });
        // every instance's CPU and free storage, ten metrics, in one GetMetricData call
        aws.server.verify(1, getMetricDataRequested());
        // the two pages described once for both checks
        aws.server.verify(2, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBInstances&")));
    }

    @Test
    void theInstancesCheckAloneNeedsNoMetric() throws Exception {
        AwsDataStubs.rds(aws.server);

        assertThat(run(instances)).extracting(f -> f.code().code(), f -> f.resource().name()).containsExactlyInAnyOrder(
                tuple("AWS-406", "smartcloudops-prod"), tuple("AWS-404", "smartcloudops-analytics-prod"),
                tuple("AWS-405", "smartcloudops-analytics-prod"), tuple("AWS-401", "smartcloudops-prod-replica"));
        aws.server.verify(0, getMetricDataRequested());
    }

    @Test
    void theFindingsSayWhatIsWrongAndHowToFixIt() throws Exception {
        AwsDataStubs.rds(aws.server);

        List<Finding> findings = runBoth();

        Finding down = only(findings, "AWS-401", "smartcloudops-prod-replica");
        assertThat(down.title()).isEqualTo("RDS instance smartcloudops-prod-replica is incompatible-parameters, "
                + "not available");
        assertThat(down.remediation()).isEqualTo("""
                aws rds describe-db-instances --db-instance-identifier smartcloudops-prod-replica
                aws rds describe-events --source-type db-instance --source-identifier smartcloudops-prod-replica \
                --duration 1440""");
        Finding storage = only(findings, "AWS-402", "smartcloudops-prod");
        assertThat(storage.title()).isEqualTo("RDS instance smartcloudops-prod has 4% of its storage free");
        assertThat(storage.evidence()).containsEntry("free", "4 GiB").containsEntry("allocated", "100 GiB")
                .containsEntry("freePercent", "4%");
        assertThat(storage.remediation()).isEqualTo("""
                aws rds describe-db-instances --db-instance-identifier smartcloudops-prod
                aws rds modify-db-instance \\
                  --db-instance-identifier smartcloudops-prod \\
                  --allocated-storage 150 \\
                  --apply-immediately""");
        assertThat(only(findings, "AWS-402", "smartcloudops-analytics-prod").title())
                .isEqualTo("RDS instance smartcloudops-analytics-prod has 8% of its storage free");
        Finding cpu = only(findings, "AWS-403", "smartcloudops-prod");
        assertThat(cpu.title()).isEqualTo("RDS instance smartcloudops-prod CPU averaged 91.5% over the last hour");
        assertThat(cpu.detail()).isEqualTo("CPUUtilization averaged 91.5% over the hour to 2026-05-01T12:00:00Z "
                + "(threshold 80%) on db.r5.large: queries slow down and the application's connection pool runs "
                + "out.");
        // psql reaches the instance's own endpoint and database as its master user
        assertThat(cpu.remediation()).isEqualTo("""
                aws rds describe-db-instances --db-instance-identifier smartcloudops-prod
                psql -h smartcloudops-prod.abc123.us-east-1.rds.amazonaws.com -p 5432 -U smartcloudops_admin \
                -d smartcloudops -c "SELECT query, mean_exec_time, calls, total_exec_time FROM pg_stat_statements \
                ORDER BY mean_exec_time DESC LIMIT 10;"
                # scale up from db.r5.large:
                aws rds modify-db-instance \\
                  --db-instance-identifier smartcloudops-prod \\
                  --db-instance-class db.r5.2xlarge \\
                  --apply-immediately""");
        assertThat(only(findings, "AWS-404", "smartcloudops-analytics-prod").title())
                .isEqualTo("Production RDS instance smartcloudops-analytics-prod is not Multi-AZ");
        assertThat(only(findings, "AWS-404", "smartcloudops-analytics-prod").remediation()).isEqualTo("""
                aws rds describe-db-instances --db-instance-identifier smartcloudops-analytics-prod
                aws rds modify-db-instance \\
                  --db-instance-identifier smartcloudops-analytics-prod \\
                  --multi-az \\
                  --apply-immediately""");
        Finding backups = only(findings, "AWS-405", "smartcloudops-analytics-prod");
        assertThat(backups.title()).isEqualTo("Production RDS instance smartcloudops-analytics-prod has automated "
                + "backups off");
        assertThat(backups.remediation()).contains("--backup-retention-period 7 \\");
        Finding pending = only(findings, "AWS-406", "smartcloudops-prod");
        assertThat(pending.title()).isEqualTo("RDS instance smartcloudops-prod has pending modifications: "
                + "DBInstanceClass db.r5.2xlarge");
        assertThat(pending.detail()).isEqualTo("PendingModifiedValues DBInstanceClass db.r5.2xlarge wait for the "
                + "maintenance window sun:05:00-sun:05:30, next at 2026-05-03T05:00:00Z; the change (and its "
                + "reboot) happens then unless applied sooner.");
        assertThat(pending.remediation()).isEqualTo("""
                aws rds describe-db-instances --db-instance-identifier smartcloudops-prod
                # to apply now rather than at 2026-05-03T05:00:00Z:
                aws rds modify-db-instance \\
                  --db-instance-identifier smartcloudops-prod \\
                  --db-instance-class db.r5.2xlarge \\
                  --apply-immediately""");
    }

    @Test
    void freeStorageWithinAPointOfTheCriticalShareKeepsAnOpenP1AndEasesPastIt() throws Exception {
        AwsDataStubs.rds(aws.server);
        // the analytics instance has 8.0 % free: P2 under 10 %, P1 under 7.5 %, and 8.0 is within a point of 7.5
        AwsTargets strict = aws.set("thresholds.rds-free-storage-critical", "0.075").targets();
        RdsMetricsCheck check = new RdsMetricsCheck(strict);
        String analytics = Fingerprint.of("AWS-402", AwsFixtures.TARGET,
                new Resource("DBInstance", null, "smartcloudops-analytics-prod"));

        assertThat(storage(check, Severity.P1, "other")).isEqualTo(Severity.P2);
        assertThat(storage(check, Severity.P1, analytics)).isEqualTo(Severity.P1);

        AwsTargets stricter = aws.set("thresholds.rds-free-storage-critical", "0.065").targets();
        RdsMetricsCheck eased = new RdsMetricsCheck(stricter);
        assertThat(storage(eased, Severity.P1, analytics)).isEqualTo(Severity.P2);
    }

    /** AWS-402's severity on the analytics instance in a run before which {@code fingerprint} was open. */
    private static Severity storage(RdsMetricsCheck check, Severity open, String fingerprint) throws Exception {
        RunScope scope = new RunScope(1L, AwsFixtures.NOW, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(),
                f -> Optional.empty(), Samples.none(), f -> f.equals(fingerprint) ? Optional.of(open) : Optional.empty());
        List<Finding> findings = (new CheckContext(scope, check.id(), new Target(AwsFixtures.TARGET,
                AwsTargets.KIND), Set.of(check.id()))).findings(check);
        return only(findings, "AWS-402", "smartcloudops-analytics-prod").severity();
    }

    @Test
    void aThrottledDescribeIsRetriedAndTheAuditCompletes() throws Exception {
        AwsDataStubs.rds(aws.server);
        aws.server.stubFor(query("DescribeDBInstances").atPriority(2).inScenario("throttled")
                .whenScenarioStateIs(STARTED).willReturn(queryError(400, "Throttling", "Rate exceeded"))
                .willSetStateTo("recovered"));

        assertThat(runBoth()).hasSize(7);
        aws.server.verify(3, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBInstances&")));
    }

    @Test
    void accessDeniedToDescribeIsAGapOfBothChecksNamingTheAction() throws Exception {
        AwsDataStubs.rds(aws.server);
        aws.server.stubFor(query("DescribeDBInstances").atPriority(1).willReturn(queryError(403, "AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/health-audit-read/health-audit is not authorized to "
                        + "perform: rds:DescribeDBInstances")));
        CheckContext context = AwsFixtures.context(instances, metrics);

        assertThat(AwsFixtures.notPermitted(instances, context, "AccessDenied", "rds:DescribeDBInstances")).isEmpty();
        assertThat(AwsFixtures.notPermitted(metrics, context.forCheck(metrics.id()), "AccessDenied",
                "rds:DescribeDBInstances")).isEmpty();
        // the denied describe is remembered for the run, not asked again by the second check
        aws.server.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBInstances&")));
        aws.server.verify(0, getMetricDataRequested());
    }

    @Test
    void accessDeniedToCloudWatchHidesOnlyTheMetrics() throws Exception {
        AwsDataStubs.rds(aws.server);
        aws.server.stubFor(AwsDataStubs.getMetricData().atPriority(1).willReturn(AwsDataStubs.cborError(403,
                "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/health-audit-read/"
                        + "health-audit is not authorized to perform: cloudwatch:GetMetricData")));
        CheckContext context = AwsFixtures.context(instances, metrics);

        assertThat(AwsFixtures.notPermitted(metrics, context.forCheck(metrics.id()), "AccessDeniedException",
                "cloudwatch:GetMetricData")).isEmpty();
        assertThat(context.findings(instances))
                .extracting(f -> f.code().code(), Finding::severity, f -> f.resource().name(), Finding::checkId)
                .containsExactlyInAnyOrder(
                tuple("AWS-406", Severity.P3, "smartcloudops-prod", "aws.rds.instances"),
                tuple("AWS-404", Severity.P2, "smartcloudops-analytics-prod", "aws.rds.instances"),
                tuple("AWS-405", Severity.P1, "smartcloudops-analytics-prod", "aws.rds.instances"),
                tuple("AWS-401", Severity.P1, "smartcloudops-prod-replica", "aws.rds.instances"));
    }

    @Test
    void aMalformedAnswerFailsTheCheckNamingTheAction() {
        aws.server.stubFor(query("DescribeDBInstances").willReturn(AwsProtocol.xml("<DescribeDBInstancesResponse>"
                + "<DescribeDBInstancesResult><DBInstances><DBInstance>")));

        assertThatThrownBy(() -> run(instances)).hasMessageContaining("rds:DescribeDBInstances");
        assertThatThrownBy(() -> run(metrics)).hasMessageContaining("rds:DescribeDBInstances");
    }

    @Test
    void theNextMaintenanceWindowIsTheNextWeeklyStart() {
        var saturday = Instant.parse("2026-05-02T12:00:00Z").atZone(ZoneOffset.UTC);
        assertThat(RdsInstancesCheck.nextWindow("sun:05:00-sun:05:30", saturday))
                .contains(Instant.parse("2026-05-03T05:00:00Z"));
        assertThat(RdsInstancesCheck.nextWindow("sat:06:00-sat:06:30", saturday))
                .contains(Instant.parse("2026-05-09T06:00:00Z"));
        assertThat(RdsInstancesCheck.nextWindow("sat:13:00-sat:13:30", saturday))
                .contains(Instant.parse("2026-05-02T13:00:00Z"));
        assertThat(RdsInstancesCheck.nextWindow(null, saturday)).isEmpty();
    }
}
