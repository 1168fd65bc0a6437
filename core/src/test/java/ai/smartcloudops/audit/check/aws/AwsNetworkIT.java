package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.queryError;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.json;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoAws;
import ai.smartcloudops.audit.demo.aws.NetworkStubs;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job through the command line against the demo's ELBv2 and ACM answers for prod/us-east-1, whose first
 * DescribeTargetGroups is throttled; prod/us-west-2 has no target groups and is refused ListCertificates, which is
 * one AUDIT-904 and a partial coverage row, while the rest of the run completes.
 */
class AwsNetworkIT {

    private static final String WEST = ".*/us-west-2/%s/aws4_request.*";
    private static final String EAST = ".*/us-east-1/elasticloadbalancing/aws4_request.*";

    @TempDir
    Path tmp;

    @Test
    void everyElbAndAcmFaultIsStoredAndARefusedApiIsCoverage() throws Exception {
        WireMockServer aws = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        aws.start();
        try {
            DemoAws.stub(aws, Instant.now());   // every service answers: the other AWS checks run cleanly beside
            aws.stubFor(query("DescribeTargetGroups").atPriority(1).inScenario("throttled")
                    .whenScenarioStateIs(STARTED).withHeader("Authorization", matching(EAST)).willReturn(queryError(400, "Throttling", "Rate exceeded"))
                    .willSetStateTo("recovered"));
            aws.stubFor(query("DescribeTargetGroups").atPriority(2).withHeader("Authorization",
                    matching(WEST.formatted("elasticloadbalancing")))
                    .willReturn(xml("""
                            <DescribeTargetGroupsResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
                              <DescribeTargetGroupsResult><TargetGroups/></DescribeTargetGroupsResult>
                              <ResponseMetadata><RequestId>7c1d2e3f-f3a8-11e5-bb98-57195a6eb84a</RequestId></ResponseMetadata>
                            </DescribeTargetGroupsResponse>""")));
            aws.stubFor(json("CertificateManager.ListCertificates").atPriority(2).withHeader("Authorization",
                    matching(WEST.formatted("acm")))
                    .willReturn(NetworkStubs.jsonError(400, "AccessDeniedException",
                            "User is not authorized to perform: acm:ListCertificates")));
            Path config = Files.writeString(tmp.resolve("aws.yml"), """
                    health-audit:
                      aws:
                        accounts:
                          - name: prod
                            regions: [us-east-1, us-west-2]
                        retry-delay: 10ms
                        endpoints: %s
                    """.formatted(AwsFixtures.endpoints(aws.baseUrl())));
            String store = TestDatabase.newDatabase();
            System.setProperty("aws.accessKeyId", "AKIAHEALTHAUDITTEST");
            System.setProperty("aws.secretAccessKey", "test-secret-key");

            CliRun run = CliRun.of("run", "nightly", "--only", "aws", "--config", config.toString(), "--store",
                    store, "--out", tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || target || ' ' || resource_kind || '/' "
                    + "|| resource_name FROM finding WHERE code LIKE 'AWS-3%' OR code LIKE 'AWS-6%' "
                    + "OR code LIKE 'AUDIT-%'")).containsExactlyInAnyOrder(
                    "AWS-301 P1 prod/us-east-1 TargetGroup/smartcloudops-web-tg",
                    "AWS-301 P0 prod/us-east-1 TargetGroup/smartcloudops-worker-tg",
                    "AWS-302 P2 prod/us-east-1 TargetGroup/smartcloudops-web-tg",
                    "AWS-303 P1 prod/us-east-1 LoadBalancer/smartcloudops-alb",
                    "AWS-304 P2 prod/us-east-1 TargetGroup/smartcloudops-api-tg",
                    "AWS-305 P2 prod/us-east-1 TargetGroup/smartcloudops-api-tg",
                    "AWS-602 P2 prod/us-east-1 Certificate/www.smartcloudops.ai 1c7e4d2f-3a4b-4d2e-8b5f-8e3d9f2a6b12",
                    "AWS-601 P0 prod/us-east-1 Certificate/legacy.smartcloudops.ai 2d8f5e3a-4b5c-4e3f-9c6a-9f4eaa3b7c23",
                    "AWS-603 P1 prod/us-east-1 Certificate/grafana.smartcloudops.ai 3e9a6f4b-5c6d-4f4a-8d7b-a05fbb4c8d34",
                    "AWS-604 P2 prod/us-east-1 Certificate/partner.smartcloudops.ai 4fab7a5c-6d7e-4a5b-9e8c-b16acc5d9e45",
                    "AUDIT-904 P3 prod/us-west-2 Permission/acm:ListCertificates");
            assertThat(rows(store, "SELECT check_id || ' ' || target || ' ' || status || ' ' || coalesce(reason, '') "
                    + "FROM check_execution WHERE check_id LIKE 'aws.elbv2%' OR check_id LIKE 'aws.acm%' "
                    + "ORDER BY check_id, target")).containsExactly(
                    "aws.acm.certificates prod/us-east-1 ran ",
                    "aws.acm.certificates prod/us-west-2 partial needs acm:ListCertificates: what "
                            + "acm:ListCertificates answers in prod/us-west-2 (AccessDeniedException: User is not "
                            + "authorized to perform: acm:ListCertificates)",
                    "aws.elbv2.health-check-path prod/us-east-1 ran ",
                    "aws.elbv2.health-check-path prod/us-west-2 ran ",
                    "aws.elbv2.target-health prod/us-east-1 ran ",
                    "aws.elbv2.target-health prod/us-west-2 ran ",
                    "aws.elbv2.traffic prod/us-east-1 ran ",
                    "aws.elbv2.traffic prod/us-west-2 ran ");
            // the next run's traffic window starts where this run's read ended, in each region
            assertThat(rows(store, "SELECT target FROM metric_sample WHERE name = 'elbv2.traffic.read-until' "
                    + "ORDER BY target")).containsExactly("prod/us-east-1", "prod/us-west-2");
            assertThat(rows(store, "SELECT status FROM audit_run")).containsExactly("COMPLETED");
            // the throttled first page was asked again
            aws.verify(3, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeTargetGroups&"))
                    .withHeader("Authorization", matching(EAST)));
        } finally {
            aws.stop();
        }
    }
}
