package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.ec2Error;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;

/** Calls through the real SDK against stubs: retries, AccessDenied, an unreachable endpoint, an assumed role. */
class AwsTargetsTest {

    private static final String EMPTY = """
            <DescribeInstanceStatusResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                <requestId>3be1508e-c444-4fef-89cc-0b1223c4f02f</requestId>
                <instanceStatusSet>
                    <item><instanceId>i-0598c7d356eba48d7</instanceId><availabilityZone>us-east-1a</availabilityZone>
                    <instanceState><code>16</code><name>running</name></instanceState>
                    <systemStatus><status>ok</status></systemStatus>
                    <instanceStatus><status>ok</status></instanceStatus></item>
                </instanceStatusSet>
            </DescribeInstanceStatusResponse>""";

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    private static CheckContext context() {
        return new CheckContext(RunScope.first(1L, AwsFixtures.NOW), "aws.test",
                new Target(AwsFixtures.TARGET, "aws"), Set.of("aws.test"));
    }

    private static java.util.List<InstanceStatus> describe(AwsTargets targets) {
        CheckContext context = context();
        Ec2Client ec2 = targets.client(context, "ec2", Ec2Client::builder);
        return targets.pages(context, "ec2:DescribeInstanceStatus",
                token -> ec2.describeInstanceStatus(r -> r.includeAllInstances(true).nextToken(token)),
                DescribeInstanceStatusResponse::nextToken, DescribeInstanceStatusResponse::instanceStatuses);
    }

    /** Pages i-1 and i-2 leading on to page 3, i-3, whose NextToken is {@code third} (none if null). */
    private void threePages(String third) {
        aws.server.stubFor(query("DescribeInstanceStatus").willReturn(xml(page("i-1", "page-2"))));
        aws.server.stubFor(query("DescribeInstanceStatus").withRequestBody(containing("NextToken=page-2"))
                .willReturn(xml(page("i-2", "page-3"))));
        aws.server.stubFor(query("DescribeInstanceStatus").withRequestBody(containing("NextToken=page-3"))
                .willReturn(xml(page("i-3", third))));
    }

    /** A page of one instance's status, with {@code next} as its NextToken (none if null). */
    private static String page(String instanceId, String next) {
        return EMPTY.replace("i-0598c7d356eba48d7", instanceId).replace("</DescribeInstanceStatusResponse>",
                (next == null ? "" : "<nextToken>" + next + "</nextToken>") + "</DescribeInstanceStatusResponse>");
    }

    @Test
    void theTargetsAreEveryRegionOfEveryAccount() {
        aws.set("accounts[0].regions[1]", "eu-west-1").set("accounts[1].name", "dr")
                .set("accounts[1].regions[0]", "us-west-2");
        assertThat(aws.targets().targets()).extracting(Target::name)
                .containsExactly("prod/us-east-1", "prod/eu-west-1", "dr/us-west-2");
    }

    @Test
    void aThrottledCallIsRetriedUntilItSucceeds() {
        aws.server.stubFor(query("DescribeInstanceStatus").inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
                .willSetStateTo("once"));
        aws.server.stubFor(query("DescribeInstanceStatus").inScenario("throttled").whenScenarioStateIs("once")
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
                .willSetStateTo("recovered"));
        aws.server.stubFor(query("DescribeInstanceStatus").inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(xml(EMPTY)));

        assertThat(describe(aws.targets())).extracting(InstanceStatus::instanceId)
                .containsExactly("i-0598c7d356eba48d7");
        aws.server.verify(3, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("IncludeAllInstances=true")));
    }

    @Test
    void everyPageIsReadUntilOneHasNoToken() {
        threePages(null);

        assertThat(describe(aws.targets())).extracting(InstanceStatus::instanceId).containsExactly("i-1", "i-2", "i-3");
        aws.server.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aServiceAnsweringATokenItGaveBeforeEndsTheReadWithAnError() {
        threePages("page-2");

        assertThatThrownBy(() -> describe(aws.targets())).isInstanceOf(IllegalStateException.class)
                .hasMessage("ec2:DescribeInstanceStatus answered a page token it had answered before: the read stops "
                        + "rather than ask for the same pages again");
        aws.server.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aServiceAnsweringNewTokensForeverEndsTheReadAtTheBound() {
        aws.server.stubFor(query("DescribeInstanceStatus").willReturn(xml(page("i-1", "{{randomValue length=24 "
                + "type='ALPHANUMERIC'}}")).withTransformers("response-template")));

        CheckContext context = context();
        AwsTargets targets = aws.targets();
        Ec2Client ec2 = targets.client(context, "ec2", Ec2Client::builder);

        assertThatThrownBy(() -> targets.pages(context, "ec2:DescribeInstanceStatus",
                token -> ec2.describeInstanceStatus(r -> r.nextToken(token)), DescribeInstanceStatusResponse::nextToken,
                DescribeInstanceStatusResponse::instanceStatuses, 5)).isInstanceOf(IllegalStateException.class)
                .hasMessage("ec2:DescribeInstanceStatus answered more than 5 pages: the read stops there");
        aws.server.verify(5, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void accessDeniedIsAGapNamingTheActionAndHowToAllowIt() {
        aws.server.stubFor(query("DescribeInstanceStatus").willReturn(ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.")));

        assertThatThrownBy(() -> describe(aws.targets())).isInstanceOfSatisfying(NotPermittedException.class,
                e -> assertThat(e.gap()).isEqualTo(new Gap("what ec2:DescribeInstanceStatus answers in prod/us-east-1 "
                        + "(UnauthorizedOperation: You are not authorized to perform this operation.)",
                        "ec2:DescribeInstanceStatus", "allow ec2:DescribeInstanceStatus in the IAM policy of the "
                        + "audit's role (the read-only policy is in docs/configuration.md); check with aws iam "
                        + "simulate-principal-policy --policy-source-arn <role ARN> --action-names "
                        + "ec2:DescribeInstanceStatus")));
        aws.server.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void anEndpointNobodyAnswersIsTheTargetUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        aws.set("endpoints.ec2", "http://127.0.0.1:" + closed).set("max-attempts", "1");

        assertThatThrownBy(() -> describe(aws.targets())).isInstanceOfSatisfying(CheckSkippedException.class, e -> {
            assertThat(e.code()).isEqualTo(AuditCode.AUDIT_903);
            assertThat(e.getMessage()).startsWith("cannot connect: ec2:DescribeInstanceStatus: Unable to execute "
                    + "HTTP request");
        });
    }

    @Test
    void anAnswerTheSdkCannotReadIsAnErrorNamingTheActionNotAnUnreachableAccount() {
        aws.server.stubFor(query("DescribeInstanceStatus").willReturn(xml("<DescribeInstanceStatusResponse><inst")));

        assertThatThrownBy(() -> describe(aws.targets())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ec2:DescribeInstanceStatus: Unable to unmarshall response");
    }

    @Test
    void anAccountWithARoleIsCalledWithTheAssumedCredentials() {
        aws.set("accounts[0].role-arn", "arn:aws:iam::123456789012:role/health-audit-read");
        aws.server.stubFor(query("AssumeRole").willReturn(xml("""
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <Credentials>
                      <AccessKeyId>ASIAASSUMEDROLEKEY</AccessKeyId>
                      <SecretAccessKey>assumed-secret</SecretAccessKey>
                      <SessionToken>assumed-session-token</SessionToken>
                      <Expiration>2099-01-01T00:00:00Z</Expiration>
                    </Credentials>
                    <AssumedRoleUser>
                      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:health-audit</AssumedRoleId>
                      <Arn>arn:aws:sts::123456789012:assumed-role/health-audit-read/health-audit</Arn>
                    </AssumedRoleUser>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                </AssumeRoleResponse>""")));
        aws.server.stubFor(query("DescribeInstanceStatus").willReturn(xml(EMPTY)));

        assertThat(describe(aws.targets())).hasSize(1);
        aws.server.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))
                .withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fhealth-audit-read")));
        aws.server.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeInstanceStatus&"))
                .withHeader("Authorization", matching(".*Credential=ASIAASSUMEDROLEKEY/.*"))
                .withHeader("X-Amz-Security-Token", matching("assumed-session-token")));
    }
}
