package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.NOW;
import static ai.smartcloudops.audit.check.aws.AwsFixtures.ec2Error;
import static ai.smartcloudops.audit.check.aws.AwsFixtures.run;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.demo.aws.ComputeStubs;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The EC2 checks against the demo's stub pages, through the real SDK. */
class Ec2ChecksTest {

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void impairedStatusAndEventsWithinTheHorizonAreFoundOnEveryPage() throws Exception {
        ComputeStubs.ec2(aws.server, NOW);

        List<Finding> findings = run(new Ec2StatusCheck(aws.targets()));

        // page 1: ...0001 healthy with a completed event, ...0002 impaired; page 2: ...0003 reboot in 3 days,
        // ...0004 retirement in 3 hours, ...0005 stopped, ...0006 maintenance in 20 days and initializing
        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, f -> f.resource().path())
                .containsExactly(
                        tuple("AWS-101", Severity.P1, "Instance/i-0a1b2c3d4e5f60002"),
                        tuple("AWS-102", Severity.P2, "Instance/i-0a1b2c3d4e5f60003"),
                        tuple("AWS-102", Severity.P1, "Instance/i-0a1b2c3d4e5f60004"));
        Finding impaired = findings.get(0);
        assertThat(impaired.title()).isEqualTo("EC2 instance i-0a1b2c3d4e5f60002 fails its status checks");
        assertThat(impaired.detail()).startsWith("DescribeInstanceStatus in us-east-1b: system status impaired, "
                + "instance status ok (system reachability failed since 2026-05-01T10:00:00Z).");
        assertThat(impaired.remediation()).startsWith("aws ec2 describe-instances --instance-ids i-0a1b2c3d4e5f60002 "
                + "--query 'Reservations[].Instances[].State'\n")
                .contains("aws ec2 stop-instances --instance-ids i-0a1b2c3d4e5f60002\n");
        assertThat(impaired.checkId()).isEqualTo(Ec2StatusCheck.ID);
        Finding reboot = findings.get(1);
        assertThat(reboot.title()).isEqualTo("EC2 instance i-0a1b2c3d4e5f60003 has a scheduled system-reboot in 3d");
        assertThat(reboot.evidence()).containsEntry("notBefore", "2026-05-04T12:00:00Z")
                .containsEntry("notAfter", "2026-05-04T14:00:00Z")
                .containsEntry("eventId", "instance-event-0d59937288b7a0003").containsEntry("within", "7d");
        assertThat(reboot.remediation()).contains("aws ec2 modify-instance-event-start-time --instance-id "
                + "i-0a1b2c3d4e5f60003 --instance-event-id instance-event-0d59937288b7a0003 --not-before $NOT_BEFORE");
        assertThat(findings.get(2).title())
                .isEqualTo("EC2 instance i-0a1b2c3d4e5f60004 has a scheduled instance-retirement in 3h");
        assertThat(findings.get(2).evidence()).containsEntry("notAfter", "open");
        aws.server.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("IncludeAllInstances=true")));
        aws.server.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("NextToken=" + ComputeStubs.STATUS_TOKEN)));
    }

    @Test
    void aLongerHorizonTakesInTheLaterEvent() throws Exception {
        aws.set("thresholds.maintenance-within", "21d");
        ComputeStubs.ec2(aws.server, NOW);

        assertThat(run(new Ec2StatusCheck(aws.targets()))).filteredOn(f -> f.code().code().equals("AWS-102"))
                .extracting(f -> f.resource().name())
                .containsExactly("i-0a1b2c3d4e5f60003", "i-0a1b2c3d4e5f60004", "i-0a1b2c3d4e5f60006");
    }

    @Test
    void aStoppedInstanceOfANodeGroupIsFoundOnTheSecondPage() throws Exception {
        ComputeStubs.ec2(aws.server, NOW);

        List<Finding> findings = run(new Ec2NodegroupInstancesCheck(aws.targets()));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource).containsExactly(
                tuple("AWS-103", Severity.P2, Resource.of("Instance", "i-0a1b2c3d4e5f60005")),
                tuple("AWS-103", Severity.P2, Resource.of("Instance", "i-0a1b2c3d4e5f60007")));
        Finding stopped = findings.get(0);
        assertThat(stopped.title()).isEqualTo("EC2 instance i-0a1b2c3d4e5f60005 of node group "
                + "smartcloudops-production-cluster/general is stopped");
        assertThat(stopped.detail()).startsWith("DescribeInstances: i-0a1b2c3d4e5f60005 (m5.xlarge in us-east-1b) of "
                + "managed node group general of EKS cluster smartcloudops-production-cluster is stopped: "
                + "Client.UserInitiatedShutdown: User initiated shutdown.");
        assertThat(stopped.remediation()).isEqualTo("""
                aws ec2 describe-instances --instance-ids i-0a1b2c3d4e5f60005 --query 'Reservations[].Instances[].State'
                aws eks describe-nodegroup --cluster-name smartcloudops-production-cluster --nodegroup-name general \
                --query 'nodegroup.[status,health,scalingConfig,resources]'
                # start it again, or terminate it so that the Auto Scaling group launches a replacement
                aws ec2 start-instances --instance-ids i-0a1b2c3d4e5f60005
                kubectl get nodes -l eks.amazonaws.com/nodegroup=general""");
        aws.server.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances&"))
                .withRequestBody(containing("Filter.1.Name=tag-key&Filter.1.Value.1=eks%3Acluster-name")));
        aws.server.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("NextToken=" + ComputeStubs.INSTANCES_TOKEN)));
    }

    @Test
    void onlyTheConfiguredClustersNodeGroupsCount() throws Exception {
        aws.set("accounts[0].eks-clusters[0]", ComputeStubs.PRODUCTION);
        ComputeStubs.ec2(aws.server, NOW);

        assertThat(run(new Ec2NodegroupInstancesCheck(aws.targets()))).extracting(f -> f.resource().name())
                .containsExactly("i-0a1b2c3d4e5f60005");
    }

    @Test
    void aThrottledDescribeInstanceStatusRecovers() throws Exception {
        ComputeStubs.ec2(aws.server, NOW);
        aws.server.stubFor(query("DescribeInstanceStatus").atPriority(1).inScenario("throttled")
                .whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));

        assertThat(run(new Ec2StatusCheck(aws.targets()))).hasSize(3);
        aws.server.verify(3, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeInstanceStatus&")));
    }

    @Test
    void accessDeniedOnOneApiHidesItFromItsCheckOnly() throws Exception {
        ComputeStubs.ec2(aws.server, NOW);
        aws.server.stubFor(query("DescribeInstanceStatus").atPriority(1).willReturn(ec2Error(403,
                "UnauthorizedOperation", "You are not authorized to perform this operation.")));
        AwsTargets targets = aws.targets();

        assertThat(AwsFixtures.notPermitted(new Ec2StatusCheck(targets), "UnauthorizedOperation",
                "ec2:DescribeInstanceStatus")).isEmpty();
        assertThat(run(new Ec2NodegroupInstancesCheck(targets))).hasSize(2);
    }

    @Test
    void accessDeniedOnDescribeInstancesNamesIt() throws Exception {
        aws.server.stubFor(query("DescribeInstances").willReturn(ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.")));

        assertThat(AwsFixtures.notPermitted(new Ec2NodegroupInstancesCheck(aws.targets()), "UnauthorizedOperation",
                "ec2:DescribeInstances")).isEmpty();
    }

    @Test
    void aMalformedBodyFailsTheCheckNamingTheAction() {
        aws.server.stubFor(query("DescribeInstanceStatus").willReturn(xml("<DescribeInstanceStatusResponse><instan")));
        aws.set("max-attempts", "1");

        assertThatThrownBy(() -> run(new Ec2StatusCheck(aws.targets())))
                .hasMessageContaining("ec2:DescribeInstanceStatus");
    }
}
