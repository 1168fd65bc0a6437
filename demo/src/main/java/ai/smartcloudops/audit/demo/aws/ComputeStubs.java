package ai.smartcloudops.audit.demo.aws;

import static ai.smartcloudops.audit.demo.aws.AwsProtocol.body;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Instant;

/**
 * The EC2 and EKS stubs, served from the demo's body files under {@code demo/aws/}: EC2 (query XML) and EKS
 * (restJson1), each paginated list over two pages. Times in the files are {@code {now+3d}}, {@code {now-3d+2h}}:
 * the moment given plus or minus days (d), hours (h) or minutes (m), as EC2 writes them.
 */
public final class ComputeStubs {

    public static final String PRODUCTION = "smartcloudops-production-cluster";
    public static final String ANALYTICS = "smartcloudops-analytics-cluster";
    public static final String STATUS_TOKEN = "AAEAAbZ8w5NbPage2Token";
    public static final String INSTANCES_TOKEN = "AAEAAdInstancesPage2Token";
    public static final String CLUSTERS_TOKEN = "eyJjbHVzdGVycyI6MX0";
    public static final String NODEGROUPS_TOKEN = "eyJub2RlZ3JvdXBzIjoxfQ";


    private ComputeStubs() {
    }

    public static ResponseDefinitionBuilder json(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body("eks/" + file, Instant.EPOCH));
    }

    /** DescribeInstanceStatus and DescribeInstances, two pages each. */
    public static void ec2(WireMockServer server, Instant now) {
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
    public static void eks(WireMockServer server) {
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
