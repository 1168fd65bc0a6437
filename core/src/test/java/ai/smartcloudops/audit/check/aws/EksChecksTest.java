package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.run;
import static ai.smartcloudops.audit.demo.aws.ComputeStubs.ANALYTICS;
import static ai.smartcloudops.audit.demo.aws.ComputeStubs.PRODUCTION;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.demo.aws.ComputeStubs;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The EKS checks against the demo's restJson1 stubs, through the real SDK. */
class EksChecksTest {

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.eks/")
                .withBody("{\"message\":\"" + message + "\"}");
    }

    @Test
    void healthIssuesAndAnUnsupportedVersionOfAClusterOnTheSecondPageAreFound() throws Exception {
        ComputeStubs.eks(aws.server);

        List<Finding> findings = run(new EksClusterCheck(aws.targets()));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource).containsExactly(
                tuple("AWS-201", Severity.P1, Resource.of("Cluster", ANALYTICS)),
                tuple("AWS-204", Severity.P2, Resource.of("Cluster", ANALYTICS)));
        Finding health = findings.get(0);
        assertThat(health.title()).isEqualTo("EKS cluster smartcloudops-analytics-cluster reports health issues (1)");
        assertThat(health.detail()).startsWith("DescribeCluster (status ACTIVE) health issues: Ec2SubnetNotFound: One "
                + "or more of the subnets of the cluster was deleted. [subnet-0e5f1a2b3c4d50002].");
        assertThat(health.remediation()).isEqualTo("""
                aws eks describe-cluster --name smartcloudops-analytics-cluster --query 'cluster.health'
                aws eks describe-cluster --name smartcloudops-analytics-cluster --query \
                'cluster.[status,version,roleArn,resourcesVpcConfig]'
                kubectl get nodes""");
        Finding version = findings.get(1);
        assertThat(version.title()).isEqualTo("EKS cluster smartcloudops-analytics-cluster runs Kubernetes 1.29, past "
                + "the end of standard support on 2025-03-23");
        assertThat(version.evidence()).containsEntry("supportType", "EXTENDED").containsEntry("nextVersion", "1.30");
        assertThat(version.remediation()).contains("aws eks update-cluster-version --name "
                + "smartcloudops-analytics-cluster --kubernetes-version 1.30\n");
        aws.server.verify(getRequestedFor(urlPathEqualTo("/clusters"))
                .withQueryParam("nextToken", equalTo(ComputeStubs.CLUSTERS_TOKEN)));
    }

    @Test
    void aDegradedNodeGroupAndOneAtItsMaximumOnTheSecondPageAreFound() throws Exception {
        ComputeStubs.eks(aws.server);

        List<Finding> findings = run(new EksNodegroupCheck(aws.targets()));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource).containsExactly(
                tuple("AWS-203", Severity.P2, Resource.of("Nodegroup", PRODUCTION + "/compute")),
                tuple("AWS-202", Severity.P1, Resource.of("Nodegroup", PRODUCTION + "/spot")));
        Finding full = findings.get(0);
        assertThat(full.title()).isEqualTo("EKS node group smartcloudops-production-cluster/compute runs at its "
                + "maximum size of 10 nodes");
        assertThat(full.remediation()).endsWith("""
                aws eks update-nodegroup-config \\
                  --cluster-name smartcloudops-production-cluster \\
                  --nodegroup-name compute \\
                  --scaling-config minSize=2,maxSize=15,desiredSize=10""");
        Finding degraded = findings.get(1);
        assertThat(degraded.title())
                .isEqualTo("EKS node group smartcloudops-production-cluster/spot is DEGRADED with health issues (1)");
        assertThat(degraded.evidence()).containsEntry("issues", "AsgInstanceLaunchFailures: Could not launch Spot "
                + "Instances. UnfulfillableCapacity - Unable to fulfill capacity due to your request configuration. "
                + "[eks-spot-0ac6e4f2-1b3d-4e5f-8a9b-3e4f5a6b7c8d]");
        assertThat(degraded.remediation()).startsWith("aws eks describe-nodegroup --cluster-name "
                + "smartcloudops-production-cluster --nodegroup-name spot --query 'nodegroup.health'\n");
        aws.server.verify(getRequestedFor(urlPathEqualTo("/clusters/" + PRODUCTION + "/node-groups"))
                .withQueryParam("nextToken", equalTo(ComputeStubs.NODEGROUPS_TOKEN)));
    }

    @Test
    void configuredClustersAreNotListed() throws Exception {
        aws.set("accounts[0].eks-clusters[0]", PRODUCTION);
        ComputeStubs.eks(aws.server);

        assertThat(run(new EksClusterCheck(aws.targets()))).isEmpty();
        assertThat(run(new EksNodegroupCheck(aws.targets()))).hasSize(2);
        aws.server.verify(0, getRequestedFor(urlPathEqualTo("/clusters")));
        aws.server.verify(0, getRequestedFor(urlPathEqualTo("/clusters/" + ANALYTICS)));
    }

    @Test
    void theEndOfStandardSupportComesFromConfiguration() {
        aws.set("thresholds.eks-end-of-standard-support.[1.29]", "2026-06-01")
                .set("thresholds.eks-end-of-standard-support.[1.30]", "2026-09-01");
        EksClusterCheck check = new EksClusterCheck(aws.targets());

        assertThat(check.endOfStandardSupport("1.29")).contains(LocalDate.parse("2026-06-01"));
        assertThat(check.endOfStandardSupport("1.27")).contains(LocalDate.parse("2026-06-01"));
        assertThat(check.endOfStandardSupport("1.31")).isEmpty();
        assertThat(check.endOfStandardSupport("2.0")).isEqualTo(Optional.empty());
    }

    @Test
    void aVersionStillInStandardSupportIsNoFinding() throws Exception {
        aws.set("thresholds.eks-end-of-standard-support.[1.29]", "2026-06-01");
        ComputeStubs.eks(aws.server);

        assertThat(run(new EksClusterCheck(aws.targets()))).extracting(f -> f.code().code()).containsExactly("AWS-201");
    }

    @Test
    void aThrottledDescribeClusterRecovers() throws Exception {
        ComputeStubs.eks(aws.server);
        aws.server.stubFor(get(urlPathEqualTo("/clusters/" + ANALYTICS)).atPriority(1).inScenario("throttled")
                .whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(error(429, "ThrottlingException", "Rate exceeded")));

        assertThat(run(new EksClusterCheck(aws.targets()))).hasSize(2);
        aws.server.verify(2, getRequestedFor(urlPathEqualTo("/clusters/" + ANALYTICS)));
    }

    @Test
    void accessDeniedOnDescribeNodegroupHidesOnlyTheNodeGroups() throws Exception {
        ComputeStubs.eks(aws.server);
        aws.server.stubFor(get(urlPathEqualTo("/clusters/" + PRODUCTION + "/node-groups/general")).atPriority(1)
                .willReturn(error(403, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/"
                        + "health-audit-read/health-audit is not authorized to perform: eks:DescribeNodegroup")));
        AwsTargets targets = aws.targets();

        assertThat(AwsFixtures.notPermitted(new EksNodegroupCheck(targets), "AccessDeniedException",
                "eks:DescribeNodegroup")).isEmpty();
        assertThat(run(new EksClusterCheck(targets))).hasSize(2);
    }

    @Test
    void accessDeniedOnListClustersNamesIt() throws Exception {
        aws.server.stubFor(get(urlPathEqualTo("/clusters")).willReturn(error(403, "AccessDeniedException",
                "not authorized to perform: eks:ListClusters")));

        assertThat(AwsFixtures.notPermitted(new EksClusterCheck(aws.targets()), "AccessDeniedException",
                "eks:ListClusters")).isEmpty();
    }

    @Test
    void aMalformedBodyFailsTheCheckNamingTheAction() {
        aws.set("accounts[0].eks-clusters[0]", PRODUCTION).set("max-attempts", "1");
        aws.server.stubFor(get(urlPathEqualTo("/clusters/" + PRODUCTION)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"cluster\": {\"name\": ")));

        assertThatThrownBy(() -> run(new EksClusterCheck(aws.targets()))).hasMessageContaining("eks:DescribeCluster");
    }
}
