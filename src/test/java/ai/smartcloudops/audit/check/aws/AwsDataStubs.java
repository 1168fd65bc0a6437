package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.query;
import static ai.smartcloudops.audit.check.aws.AwsFixtures.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import ai.smartcloudops.audit.demo.DemoCbor;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo's RDS, ElastiCache and CloudWatch stub bodies (src/main/resources/demo/aws/) served as the real services
 * answer: awsQuery XML with Marker pages, and CloudWatch's Smithy RPC v2 CBOR.
 */
final class AwsDataStubs {

    static final String GET_METRIC_DATA = "/service/GraniteServiceVersion20100801/operation/GetMetricData";

    private AwsDataStubs() {
    }

    static String file(String path) {
        try (InputStream in = AwsDataStubs.class.getClassLoader().getResourceAsStream("demo/aws/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no demo/aws/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CloudWatch's GetMetricData as the 2.57.8 client sends it: Smithy RPC v2 CBOR. */
    static MappingBuilder getMetricData() {
        return post(urlEqualTo(GET_METRIC_DATA)).withHeader("smithy-protocol", equalTo(DemoCbor.PROTOCOL))
                .withHeader("Content-Type", equalTo(DemoCbor.CONTENT_TYPE));
    }

    static RequestPatternBuilder getMetricDataRequested() {
        return postRequestedFor(urlEqualTo(GET_METRIC_DATA));
    }

    /** A CBOR answer from JSON text. */
    static ResponseDefinitionBuilder cbor(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", DemoCbor.CONTENT_TYPE)
                .withHeader(DemoCbor.PROTOCOL_HEADER, DemoCbor.PROTOCOL).withBody(DemoCbor.encode(json));
    }

    /** An RPC v2 CBOR error of a query-compatible service: the code in __type and in x-amzn-query-error. */
    static ResponseDefinitionBuilder cborError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", DemoCbor.CONTENT_TYPE)
                .withHeader(DemoCbor.PROTOCOL_HEADER, DemoCbor.PROTOCOL)
                .withHeader("x-amzn-query-error", code + ";Sender")
                .withBody(DemoCbor.encode("{\"__type\":\"com.amazonaws.cloudwatch#" + code + "\",\"message\":\""
                        + message + "\"}"));
    }

    /** DescribeDBInstances in two Marker pages, and the instances' metrics. */
    static void rds(WireMockServer server) {
        server.stubFor(query("DescribeDBInstances").atPriority(5)
                .willReturn(xml(file("rds/describe-db-instances.xml"))));
        server.stubFor(query("DescribeDBInstances").atPriority(1)
                .withRequestBody(containing("Marker=smartcloudops-prod-replica"))
                .willReturn(xml(file("rds/describe-db-instances-page2.xml"))));
        server.stubFor(getMetricData().withRequestBody(containing("AWS/RDS"))
                .willReturn(cbor(file("cloudwatch/get-metric-data-rds.json"))));
    }

    /** DescribeCacheClusters in two Marker pages, DescribeReplicationGroups, and the nodes' metrics. */
    static void elastiCache(WireMockServer server) {
        server.stubFor(query("DescribeCacheClusters").atPriority(5)
                .willReturn(xml(file("elasticache/describe-cache-clusters.xml"))));
        server.stubFor(query("DescribeCacheClusters").atPriority(1)
                .withRequestBody(containing("Marker=smartcloudops-sessions-001"))
                .willReturn(xml(file("elasticache/describe-cache-clusters-page2.xml"))));
        server.stubFor(query("DescribeReplicationGroups")
                .willReturn(xml(file("elasticache/describe-replication-groups.xml"))));
        server.stubFor(getMetricData().withRequestBody(containing("AWS/ElastiCache"))
                .willReturn(cbor(file("cloudwatch/get-metric-data-elasticache.json"))));
    }
}
