package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.queryError;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.demo.aws.NetworkStubs;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AWS-301 and AWS-302 against the demo's DescribeTargetGroups (two Marker pages) and DescribeTargetHealth. */
class ElbChecksTest {

    private static final String WEB = NetworkStubs.ACCOUNT_ARN + "targetgroup/smartcloudops-web-tg/2453ed029918f21f";
    private static final String WORKER = NetworkStubs.ACCOUNT_ARN
            + "targetgroup/smartcloudops-worker-tg/9683b2d02a6cabee";

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    private List<Finding> health(AwsTargets targets) throws Exception {
        return AwsFixtures.run(new ElbTargetHealthCheck(targets));
    }

    private List<Finding> path(AwsTargets targets) throws Exception {
        return AwsFixtures.run(new ElbHealthCheckPathCheck(targets));
    }

    @Test
    void unhealthyTargetsAreOneFindingPerTargetGroupAndP0WhenNoneIsHealthy() throws Exception {
        NetworkStubs.elb(aws.server);

        List<Finding> findings = health(aws.targets());

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AWS-301", Severity.P1, Resource.of("TargetGroup",
                        "smartcloudops-web-tg")),
                org.assertj.core.groups.Tuple.tuple("AWS-301", Severity.P0, Resource.of("TargetGroup",
                        "smartcloudops-worker-tg")));
        Finding web = findings.get(0);
        assertThat(web.title()).isEqualTo("Target group smartcloudops-web-tg: 1 of 3 targets unhealthy");
        assertThat(web.detail()).isEqualTo("Unhealthy: 10.0.2.45:5000 Target.Timeout (Request timed out). Healthy "
                + "targets left: 2 (P0 when none is). Load balancers: app/smartcloudops-alb/50dc6c495c0c9188. The ALB "
                + "health-checks HTTP / on port traffic-port.");
        assertThat(web.remediation()).isEqualTo("""
                aws elbv2 describe-target-health --target-group-arn %1$s --region us-east-1
                # INGRESS, NAMESPACE: the Ingress behind smartcloudops-web-tg, in its tag ingress.k8s.aws/stack \
                (namespace/name)
                aws elbv2 describe-tags --resource-arns %1$s --region us-east-1
                kubectl describe ingress $INGRESS -n $NAMESPACE
                # SERVICE, PORT: the Ingress's backend that smartcloudops-web-tg sends to, probed as the ALB does
                kubectl port-forward service/$SERVICE 8080:$PORT -n $NAMESPACE
                curl http://localhost:8080/""".formatted(WEB));
        Finding worker = findings.get(1);
        assertThat(worker.title()).isEqualTo("Target group smartcloudops-worker-tg: 2 of 2 targets unhealthy");
        assertThat(worker.evidence()).containsEntry("arn", WORKER).containsEntry("healthy", "0")
                .containsEntry("targets", "10.0.1.52:5000 Target.ResponseCodeMismatch (Health checks failed with "
                        + "these codes: [503]); 10.0.2.19:5000 Target.FailedHealthChecks (Health checks failed)");
        assertThat(worker.checkId()).isEqualTo(ElbTargetHealthCheck.ID);
        // the second page was asked with the first page's marker; the unused legacy group was never described
        aws.server.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Marker=" + NetworkStubs.MARKER)));
        aws.server.verify(0, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing(NetworkStubs.encoded("smartcloudops-legacy-tg"))));
        aws.server.verify(3, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeTargetHealth&")));
    }

    @Test
    void aHealthCheckPathOtherThanTheGuidesIsAWS302() throws Exception {
        NetworkStubs.elb(aws.server);

        List<Finding> findings = path(aws.targets());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("AWS-302");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(Resource.of("TargetGroup", "smartcloudops-web-tg"));
            assertThat(f.title()).isEqualTo("Target group smartcloudops-web-tg health-checks /, not /api/health");
            assertThat(f.remediation()).isEqualTo("""
                    aws elbv2 describe-target-groups --target-group-arns %1$s --region us-east-1
                    # INGRESS, NAMESPACE: the Ingress behind %2$s, in its tag ingress.k8s.aws/stack (namespace/name)
                    aws elbv2 describe-tags --resource-arns %1$s --region us-east-1
                    kubectl patch ingress $INGRESS -n $NAMESPACE -p '
                    metadata:
                      annotations:
                        alb.ingress.kubernetes.io/healthcheck-path: /api/health
                        alb.ingress.kubernetes.io/healthcheck-interval-seconds: "30"
                        alb.ingress.kubernetes.io/healthcheck-timeout-seconds: "5"
                    '
                    aws elbv2 describe-target-health --target-group-arn %1$s --region us-east-1"""
                    .formatted(WEB, "smartcloudops-web-tg"));
        });
    }

    @Test
    void theExpectedPathIsTheConfiguredOne() throws Exception {
        NetworkStubs.elb(aws.server);
        aws.set("thresholds.health-check-path", "/");

        assertThat(path(aws.targets())).extracting(f -> f.resource().name())
                .containsExactly("smartcloudops-api-tg", "smartcloudops-worker-tg");
    }

    @Test
    void bothChecksShareOneListingOfTheTargetGroups() throws Exception {
        NetworkStubs.elb(aws.server);
        AwsTargets targets = aws.targets();
        ElbTargetHealthCheck health = new ElbTargetHealthCheck(targets);
        ElbHealthCheckPathCheck path = new ElbHealthCheckPathCheck(targets);
        CheckContext context = AwsFixtures.context(health, path);

        context.findings(health);
        context.forCheck(ElbHealthCheckPathCheck.ID).findings(path);

        aws.server.verify(2, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeTargetGroups&")));
    }

    @Test
    void aThrottledDescribeTargetGroupsIsRetried() throws Exception {
        NetworkStubs.elb(aws.server);
        aws.server.stubFor(query("DescribeTargetGroups").atPriority(1).inScenario("throttled")
                .whenScenarioStateIs(STARTED).willReturn(queryError(400, "Throttling", "Rate exceeded"))
                .willSetStateTo("recovered"));

        assertThat(path(aws.targets())).hasSize(1);
        aws.server.verify(3, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeTargetGroups&")));
    }

    @Test
    void accessDeniedOnTargetHealthHidesItFromThatCheckOnly() throws Exception {
        NetworkStubs.elb(aws.server);
        aws.server.stubFor(query("DescribeTargetHealth").atPriority(1).willReturn(queryError(403, "AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/health-audit-read/health-audit is not authorized to "
                        + "perform: elasticloadbalancing:DescribeTargetHealth")));
        AwsTargets targets = aws.targets();

        assertThat(AwsFixtures.notPermitted(new ElbTargetHealthCheck(targets), "AccessDenied",
                "elasticloadbalancing:DescribeTargetHealth")).isEmpty();
        assertThat(path(targets)).extracting(f -> f.code().code()).containsExactly("AWS-302");
    }

    @Test
    void accessDeniedOnDescribeTargetGroupsNamesIt() throws Exception {
        aws.server.stubFor(query("DescribeTargetGroups").willReturn(queryError(403, "AccessDenied",
                "not authorized to perform: elasticloadbalancing:DescribeTargetGroups")));

        assertThat(AwsFixtures.notPermitted(new ElbHealthCheckPathCheck(aws.targets()), "AccessDenied",
                "elasticloadbalancing:DescribeTargetGroups")).isEmpty();
    }

    @Test
    void aMalformedAnswerFailsNamingTheAction() {
        aws.server.stubFor(query("DescribeTargetGroups").willReturn(xml("<DescribeTargetGroupsResponse><Describe")));

        assertThatThrownBy(() -> path(aws.targets()))
                .hasMessageContaining("elasticloadbalancing:DescribeTargetGroups");
    }
}
