package ai.smartcloudops.audit.demo.aws;

import static ai.smartcloudops.audit.demo.aws.AwsProtocol.body;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The demo's RDS, ElastiCache and CloudWatch stub bodies (src/main/resources/demo/aws/) served as the real services
 * answer: awsQuery XML with Marker pages, and CloudWatch's Smithy RPC v2 CBOR.
 */
public final class AwsDataStubs {

    public static final String GET_METRIC_DATA = "/service/GraniteServiceVersion20100801/operation/GetMetricData";

    private AwsDataStubs() {
    }

    /** CloudWatch's GetMetricData as the 2.57.8 client sends it: Smithy RPC v2 CBOR. */
    public static MappingBuilder getMetricData() {
        return post(urlEqualTo(GET_METRIC_DATA)).withHeader("smithy-protocol", equalTo(DemoCbor.PROTOCOL))
                .withHeader("Content-Type", equalTo(DemoCbor.CONTENT_TYPE));
    }

    public static RequestPatternBuilder getMetricDataRequested() {
        return postRequestedFor(urlEqualTo(GET_METRIC_DATA));
    }

    /** A CBOR answer from JSON text. */
    public static ResponseDefinitionBuilder cbor(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", DemoCbor.CONTENT_TYPE)
                .withHeader(DemoCbor.PROTOCOL_HEADER, DemoCbor.PROTOCOL).withBody(DemoCbor.encode(json));
    }

    /** An RPC v2 CBOR error of a query-compatible service: the code in __type and in x-amzn-query-error. */
    public static ResponseDefinitionBuilder cborError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", DemoCbor.CONTENT_TYPE)
                .withHeader(DemoCbor.PROTOCOL_HEADER, DemoCbor.PROTOCOL)
                .withHeader("x-amzn-query-error", code + ";Sender")
                .withBody(DemoCbor.encode("{\"__type\":\"com.amazonaws.cloudwatch#" + code + "\",\"message\":\""
                        + message + "\"}"));
    }

    /** DescribeDBInstances in two Marker pages, and the instances' metrics. */
    public static void rds(WireMockServer server) {
        server.stubFor(query("DescribeDBInstances").atPriority(5)
                .willReturn(xml(body("rds/describe-db-instances.xml", null))));
        server.stubFor(query("DescribeDBInstances").atPriority(1)
                .withRequestBody(containing("Marker=smartcloudops-prod-replica"))
                .willReturn(xml(body("rds/describe-db-instances-page2.xml", null))));
        server.stubFor(getMetricData().withRequestBody(containing("AWS/RDS"))
                .willReturn(cbor(body("cloudwatch/get-metric-data-rds.json", null))));
    }

    /** The instances whose newest automated snapshot is fresh (6 h old); smartcloudops-prod's is 30 h old. */
    public static final List<String> FRESH_SNAPSHOTS = List.of("smartcloudops-analytics-prod", "smartcloudops-staging",
            "smartcloudops-prod-replica", "smartcloudops-audit-prod");

    /**
     * DescribeDBSnapshots (SnapshotType automated) per instance, dated from {@code now}: smartcloudops-prod's in two
     * Marker pages, its newest (on the second page) 30 h old, the demo's AWS-407; every other instance's 6 h old.
     */
    public static void rdsSnapshots(WireMockServer server, Instant now) {
        String prod = "smartcloudops-prod";
        server.stubFor(snapshotsOf(prod).atPriority(5).willReturn(xml(snapshots(prod, "page-2",
                now.minus(Duration.ofHours(78)), now.minus(Duration.ofHours(54))))));
        server.stubFor(snapshotsOf(prod).atPriority(1).withRequestBody(containing("Marker=page-2"))
                .willReturn(xml(snapshots(prod, null, now.minus(Duration.ofHours(30))))));
        FRESH_SNAPSHOTS.forEach(db -> server.stubFor(snapshotsOf(db).willReturn(xml(snapshots(db, null,
                now.minus(Duration.ofHours(30)), now.minus(Duration.ofHours(6)))))));
    }

    private static MappingBuilder snapshotsOf(String instance) {
        return query("DescribeDBSnapshots")
                .withRequestBody(matching("(?s).*DBInstanceIdentifier=" + instance + "(&.*)?"))
                .withRequestBody(containing("SnapshotType=automated"));
    }

    /** A DescribeDBSnapshots page of automated snapshots created at the given moments. */
    public static String snapshots(String instance, String marker, Instant... created) {
        StringBuilder xml = new StringBuilder("<DescribeDBSnapshotsResponse "
                + "xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBSnapshotsResult>");
        if (marker != null) {
            xml.append("<Marker>").append(marker).append("</Marker>");
        }
        xml.append("<DBSnapshots>");
        for (Instant at : created) {
            String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm").withZone(ZoneOffset.UTC).format(at);
            xml.append("<DBSnapshot><DBSnapshotIdentifier>rds:").append(instance).append('-').append(stamp)
                    .append("</DBSnapshotIdentifier><DBInstanceIdentifier>").append(instance)
                    .append("</DBInstanceIdentifier><SnapshotType>automated</SnapshotType><Status>available</Status>"
                            + "<Engine>postgres</Engine><SnapshotCreateTime>").append(at)
                    .append("</SnapshotCreateTime></DBSnapshot>");
        }
        return xml.append("</DBSnapshots></DescribeDBSnapshotsResult><ResponseMetadata><RequestId>"
                + "5e0b7d8e-2f1c-4a3b-9d4e-6f7a8b9c0d1e</RequestId></ResponseMetadata></DescribeDBSnapshotsResponse>")
                .toString();
    }

    /** DescribeCacheClusters in two Marker pages, DescribeReplicationGroups, and the nodes' metrics. */
    public static void elastiCache(WireMockServer server) {
        server.stubFor(query("DescribeCacheClusters").atPriority(5)
                .willReturn(xml(body("elasticache/describe-cache-clusters.xml", null))));
        server.stubFor(query("DescribeCacheClusters").atPriority(1)
                .withRequestBody(containing("Marker=smartcloudops-sessions-001"))
                .willReturn(xml(body("elasticache/describe-cache-clusters-page2.xml", null))));
        server.stubFor(query("DescribeReplicationGroups")
                .willReturn(xml(body("elasticache/describe-replication-groups.xml", null))));
        server.stubFor(getMetricData().withRequestBody(containing("AWS/ElastiCache"))
                .willReturn(cbor(body("cloudwatch/get-metric-data-elasticache.json", null))));
    }
}
