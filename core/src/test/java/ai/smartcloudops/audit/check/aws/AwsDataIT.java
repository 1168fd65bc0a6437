package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.queryError;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoAws;
import ai.smartcloudops.audit.demo.aws.AwsDataStubs;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job through the command line against stubs of RDS, ElastiCache and CloudWatch (the demo's bodies)
 * for two accounts: "prod" in us-east-1 is audited in full through a throttled first call; "dr" in us-west-2 may
 * call neither rds:DescribeDBInstances (one AUDIT-904, the RDS checks partial) nor cloudwatch:GetMetricData (one
 * AUDIT-904, the ElastiCache metrics check partial), and its clusters and replication groups are still audited.
 */
class AwsDataIT {

    static {
        System.setProperty("aws.accessKeyId", "AKIAHEALTHAUDITTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
    }

    @TempDir
    Path tmp;

    @Test
    void everyRdsAndElastiCacheFaultIsStoredAndADeniedApiIsCoverage() throws Exception {
        WireMockServer aws = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        aws.start();
        try {
            DemoAws.stub(aws, Instant.now());   // every service answers: the other AWS checks run cleanly beside
            aws.stubFor(query("DescribeDBInstances").atPriority(0)
                    .withHeader("Authorization", matching(".*/us-west-2/rds/aws4_request.*"))
                    .willReturn(queryError(403, "AccessDenied", "User: arn:aws:sts::210987654321:assumed-role/"
                            + "health-audit-read/health-audit is not authorized to perform: rds:DescribeDBInstances")));
            aws.stubFor(AwsDataStubs.getMetricData().atPriority(0)
                    .withHeader("Authorization", matching(".*/us-west-2/monitoring/aws4_request.*"))
                    .willReturn(AwsDataStubs.cborError(403, "AccessDenied", "User: arn:aws:sts::"
                            + "210987654321:assumed-role/health-audit-read/health-audit is not authorized to perform: "
                            + "cloudwatch:GetMetricData")));
            // prod's first call alone: both accounts' first calls may arrive before the scenario moves on
            aws.stubFor(query("DescribeCacheClusters").atPriority(0).inScenario("throttled")
                    .withHeader("Authorization", matching(".*/us-east-1/elasticache/aws4_request.*"))
                    .whenScenarioStateIs(STARTED).willReturn(queryError(400, "Throttling", "Rate exceeded"))
                    .willSetStateTo("recovered"));
            Path config = Files.writeString(tmp.resolve("aws.yml"), """
                    health-audit:
                      aws:
                        accounts:
                          - {name: prod, regions: [us-east-1]}
                          - {name: dr, regions: [us-west-2]}
                        retry-delay: 10ms
                        endpoints: %s
                    """.formatted(AwsFixtures.endpoints(aws.baseUrl())));
            String store = TestDatabase.newDatabase();

            CliRun run = CliRun.of("run", "nightly", "--only", "aws", "--config", config.toString(), "--store",
                    store, "--out", tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(rows(store, "SELECT target || ' ' || code || ' ' || severity || ' ' || resource_kind || '/' "
                    + "|| resource_name FROM finding WHERE check_id LIKE 'aws.rds.%' "
                    + "OR check_id LIKE 'aws.elasticache.%'"))
                    .containsExactlyInAnyOrder(
                    "prod/us-east-1 AWS-401 P1 DBInstance/smartcloudops-prod-replica",
                    "prod/us-east-1 AWS-402 P1 DBInstance/smartcloudops-prod",
                    "prod/us-east-1 AWS-402 P2 DBInstance/smartcloudops-analytics-prod",
                    "prod/us-east-1 AWS-403 P2 DBInstance/smartcloudops-prod",
                    "prod/us-east-1 AWS-404 P2 DBInstance/smartcloudops-analytics-prod",
                    "prod/us-east-1 AWS-405 P1 DBInstance/smartcloudops-analytics-prod",
                    "prod/us-east-1 AWS-406 P3 DBInstance/smartcloudops-prod",
                    "prod/us-east-1 AWS-407 P2 DBInstance/smartcloudops-prod",
                    "prod/us-east-1 AWS-501 P1 CacheCluster/smartcloudops-sessions-001",
                    "prod/us-east-1 AWS-502 P2 CacheCluster/smartcloudops-redis-001",
                    "prod/us-east-1 AWS-503 P2 CacheCluster/smartcloudops-redis-001",
                    "prod/us-east-1 AWS-504 P2 ReplicationGroup/smartcloudops-sessions",
                    "dr/us-west-2 AWS-501 P1 CacheCluster/smartcloudops-sessions-001",
                    "dr/us-west-2 AWS-504 P2 ReplicationGroup/smartcloudops-sessions",
                    "dr/us-west-2 AUDIT-904 P3 Permission/rds:DescribeDBInstances",
                    "dr/us-west-2 AUDIT-904 P3 Permission/cloudwatch:GetMetricData");
            String rds = "partial needs rds:DescribeDBInstances: what rds:DescribeDBInstances answers in dr/us-west-2 "
                    + "(AccessDenied: User: arn:aws:sts::210987654321:assumed-role/health-audit-read/health-audit is "
                    + "not authorized to perform: rds:DescribeDBInstances)";
            assertThat(rows(store, "SELECT check_id || ' ' || target || ' ' || status || ' ' || coalesce(reason, '') "
                    + "FROM check_execution WHERE check_id LIKE 'aws.rds%' OR check_id LIKE 'aws.elasticache%'"))
                    .containsExactlyInAnyOrder(
                            "aws.rds.instances prod/us-east-1 ran ",
                            "aws.rds.metrics prod/us-east-1 ran ",
                            "aws.rds.snapshots prod/us-east-1 ran ",
                            "aws.rds.instances dr/us-west-2 " + rds,
                            "aws.rds.metrics dr/us-west-2 " + rds,
                            "aws.rds.snapshots dr/us-west-2 " + rds,
                            "aws.elasticache.clusters prod/us-east-1 ran ",
                            "aws.elasticache.metrics prod/us-east-1 ran ",
                            "aws.elasticache.clusters dr/us-west-2 ran ",
                            "aws.elasticache.metrics dr/us-west-2 partial needs cloudwatch:GetMetricData: what "
                                    + "cloudwatch:GetMetricData answers in dr/us-west-2 (AccessDenied: User: "
                                    + "arn:aws:sts::210987654321:assumed-role/health-audit-read/health-audit is not "
                                    + "authorized to perform: cloudwatch:GetMetricData)");
            // one AUDIT-904 for the three RDS checks the denied describe left partial
            assertThat(rows(store, "SELECT severity || ' ' || check_id || ' ' || title || ' | ' || detail FROM finding "
                    + "WHERE code = 'AUDIT-904' AND resource_name = 'rds:DescribeDBInstances'")).containsExactly(
                    "P3 aws.rds.instances The audit cannot see all of dr/us-west-2: needs rds:DescribeDBInstances | "
                            + "The audit's identity may not see what rds:DescribeDBInstances answers in dr/us-west-2 "
                            + "(AccessDenied: User: arn:aws:sts::210987654321:assumed-role/health-audit-read/"
                            + "health-audit is not authorized to perform: rds:DescribeDBInstances), so "
                            + "aws.rds.instances, aws.rds.metrics, aws.rds.snapshots saw only part of dr/us-west-2 "
                            + "(coverage partial). What it could not see is not audited: no finding there means "
                            + "unknown, not healthy.");
            // described once for both checks of an account; the throttled first call was retried: two pages for each
            // account, and one more
            aws.verify(5, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeCacheClusters&")));
            // prod's two pages and dr's one denied call, each once for the three RDS checks
            aws.verify(3, postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(containing("Action=DescribeDBInstances&")));
            assertThat(rows(store, "SELECT status FROM audit_run")).containsExactly("COMPLETED");
        } finally {
            aws.stop();
        }
    }
}
