package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.demo.aws.AwsProtocol.json;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.aws.AwsDataStubs;
import ai.smartcloudops.audit.demo.aws.NetworkStubs;
import ai.smartcloudops.audit.finding.Area;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An account whose answers are the captures under src/test/resources/aws/ (query XML, restJson, awsJson and
 * CloudWatch's CBOR, one answer per API), full of hostile values: the snapshot is read from them by the real SDK
 * clients, each capture served by WireMock, so the checks inspect what the SDK makes of such a body.
 */
final class AwsCaptures {

    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/";

    private AwsCaptures() {
    }

    /** The snapshot of the captured account as every AWS check of a run needs it. */
    static AwsSnapshot snapshot() {
        try (AwsFixtures aws = new AwsFixtures()) {
            var server = aws.server;
            server.stubFor(query("DescribeInstanceStatus")
                    .willReturn(xml(captured("ec2/describe-instance-status.xml"))));
            server.stubFor(query("DescribeInstances").willReturn(xml(captured("ec2/describe-instances.xml"))));
            server.stubFor(get(urlPathEqualTo("/clusters")).willReturn(restJson("eks/list-clusters.json")));
            server.stubFor(get(urlPathMatching("/clusters/[^/]+")).willReturn(restJson("eks/cluster.json")));
            server.stubFor(get(urlPathMatching("/clusters/[^/]+/node-groups"))
                    .willReturn(restJson("eks/list-nodegroups.json")));
            server.stubFor(get(urlPathMatching("/clusters/[^/]+/node-groups/[^/]+"))
                    .willReturn(restJson("eks/nodegroup.json")));
            server.stubFor(query("DescribeTargetGroups").willReturn(xml(captured("elbv2/describe-target-groups.xml"))));
            server.stubFor(query("DescribeTargetHealth").willReturn(xml(captured("elbv2/describe-target-health.xml"))));
            server.stubFor(query("DescribeDBInstances").willReturn(xml(captured("rds/describe-db-instances.xml"))));
            server.stubFor(query("DescribeDBSnapshots").willReturn(xml(captured("rds/describe-db-snapshots.xml"))));
            server.stubFor(query("DescribeCacheClusters")
                    .willReturn(xml(captured("elasticache/describe-cache-clusters.xml"))));
            server.stubFor(query("DescribeReplicationGroups")
                    .willReturn(xml(captured("elasticache/describe-replication-groups.xml"))));
            server.stubFor(json("CertificateManager.ListCertificates")
                    .willReturn(NetworkStubs.awsJson(captured("acm/list-certificates.json"))));
            server.stubFor(json("CertificateManager.DescribeCertificate")
                    .withRequestBody(containing(CERTIFICATE + "11111111"))
                    .willReturn(NetworkStubs.awsJson(captured("acm/describe-certificate-expired.json"))));
            server.stubFor(json("CertificateManager.DescribeCertificate")
                    .withRequestBody(containing(CERTIFICATE + "22222222"))
                    .willReturn(NetworkStubs.awsJson(captured("acm/describe-certificate-imported.json"))));
            server.stubFor(AwsDataStubs.getMetricData().withRequestBody(containing("AWS/RDS"))
                    .willReturn(AwsDataStubs.cbor(captured("cloudwatch/get-metric-data-rds.json"))));
            server.stubFor(AwsDataStubs.getMetricData().withRequestBody(containing("AWS/ApplicationELB"))
                    .willReturn(AwsDataStubs.cbor(captured("cloudwatch/get-metric-data-elb.json"))));
            server.stubFor(AwsDataStubs.getMetricData().withRequestBody(containing("AWS/ElastiCache"))
                    .willReturn(AwsDataStubs.cbor(captured("cloudwatch/get-metric-data-elasticache.json"))));
            AwsTargets targets = aws.targets();
            try {
                Set<String> all = AllChecks.of(Area.AWS, targets).stream().map(Check::id).collect(Collectors.toSet());
                CheckContext context = new CheckContext(RunScope.first(1L, AwsFixtures.NOW), "capture",
                        new Target(AwsFixtures.TARGET, AwsTargets.KIND), all);
                return AwsSnapshot.read(targets, context, all);
            } finally {
                targets.close();
            }
        }
    }

    private static ResponseDefinitionBuilder restJson(String path) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(captured(path));
    }

    /** A captured body of src/test/resources/aws/, as the service sent it. */
    static String captured(String path) {
        try (InputStream in = AwsCaptures.class.getResourceAsStream("/aws/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no aws/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
