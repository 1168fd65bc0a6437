package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.query;
import static ai.smartcloudops.audit.check.aws.AwsFixtures.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EC2 and EKS stubs, served from the demo's body files under {@code demo/aws/}: EC2 (query XML) and EKS
 * (restJson1), each paginated list over two pages. Times in the files are {@code {now+3d}}, {@code {now-3d+2h}}:
 * the moment given plus or minus days (d), hours (h) or minutes (m), as EC2 writes them.
 */
final class ComputeStubs {

    static final String PRODUCTION = "smartcloudops-production-cluster";
    static final String ANALYTICS = "smartcloudops-analytics-cluster";
    static final String STATUS_TOKEN = "AAEAAbZ8w5NbPage2Token";
    static final String INSTANCES_TOKEN = "AAEAAdInstancesPage2Token";
    static final String CLUSTERS_TOKEN = "eyJjbHVzdGVycyI6MX0";
    static final String NODEGROUPS_TOKEN = "eyJub2RlZ3JvdXBzIjoxfQ";

    private static final Pattern TIME = Pattern.compile("\\{now((?:[+-]\\d+[dhm])*)}");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d+)([dhm])");
    private static final DateTimeFormatter EC2_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ComputeStubs() {
    }

    /** A body file of {@code demo/aws/}, e.g. {@code ec2/describe-instances-1.xml}, with its times filled in. */
    static String body(String file, Instant now) {
        String text;
        try (InputStream in = ComputeStubs.class.getResourceAsStream("/demo/aws/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no demo/aws/" + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = TIME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Instant at = now;
            Matcher offset = OFFSET.matcher(m.group(1));
            while (offset.find()) {
                Duration d = switch (offset.group(3)) {
                    case "d" -> Duration.ofDays(Long.parseLong(offset.group(2)));
                    case "h" -> Duration.ofHours(Long.parseLong(offset.group(2)));
                    default -> Duration.ofMinutes(Long.parseLong(offset.group(2)));
                };
                at = offset.group(1).equals("+") ? at.plus(d) : at.minus(d);
            }
            m.appendReplacement(out, EC2_TIME.format(at));
        }
        m.appendTail(out);
        return out.toString();
    }

    static ResponseDefinitionBuilder json(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body("eks/" + file, Instant.EPOCH));
    }

    /** DescribeInstanceStatus and DescribeInstances, two pages each. */
    static void ec2(WireMockServer server, Instant now) {
        server.stubFor(query("DescribeInstanceStatus").atPriority(5)
                .willReturn(xml(body("ec2/describe-instance-status-1.xml", now))));
        server.stubFor(query("DescribeInstanceStatus").atPriority(1)
                .withRequestBody(containing("NextToken=" + STATUS_TOKEN))
                .willReturn(xml(body("ec2/describe-instance-status-2.xml", now))));
        server.stubFor(query("DescribeInstances").atPriority(5)
                .willReturn(xml(body("ec2/describe-instances-1.xml", now))));
        server.stubFor(query("DescribeInstances").atPriority(1)
                .withRequestBody(containing("NextToken=" + INSTANCES_TOKEN))
                .willReturn(xml(body("ec2/describe-instances-2.xml", now))));
    }

    /** ListClusters (two pages), DescribeCluster, ListNodegroups (two pages for production) and DescribeNodegroup. */
    static void eks(WireMockServer server) {
        server.stubFor(get(urlPathEqualTo("/clusters")).withQueryParam("nextToken", absent())
                .willReturn(json("list-clusters-1.json")));
        server.stubFor(get(urlPathEqualTo("/clusters")).withQueryParam("nextToken", equalTo(CLUSTERS_TOKEN))
                .willReturn(json("list-clusters-2.json")));
        for (String cluster : new String[] {PRODUCTION, ANALYTICS}) {
            server.stubFor(get(urlPathEqualTo("/clusters/" + cluster))
                    .willReturn(json("cluster-" + cluster + ".json")));
        }
        server.stubFor(get(urlPathEqualTo("/clusters/" + PRODUCTION + "/node-groups"))
                .withQueryParam("nextToken", absent()).willReturn(json("nodegroups-" + PRODUCTION + "-1.json")));
        server.stubFor(get(urlPathEqualTo("/clusters/" + PRODUCTION + "/node-groups"))
                .withQueryParam("nextToken", equalTo(NODEGROUPS_TOKEN))
                .willReturn(json("nodegroups-" + PRODUCTION + "-2.json")));
        server.stubFor(get(urlPathEqualTo("/clusters/" + ANALYTICS + "/node-groups"))
                .willReturn(json("nodegroups-" + ANALYTICS + ".json")));
        for (String nodegroup : new String[] {"general", "compute", "spot"}) {
            server.stubFor(get(urlPathEqualTo("/clusters/" + PRODUCTION + "/node-groups/" + nodegroup))
                    .willReturn(json("nodegroup-" + PRODUCTION + "-" + nodegroup + ".json")));
        }
    }
}
