package ai.smartcloudops.audit.demo.aws;

import static ai.smartcloudops.audit.demo.aws.AwsProtocol.body;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.json;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The demo's ELBv2 and ACM answers (src/main/resources/demo/aws/elbv2 and acm) served the way the real services
 * are asked: DescribeTargetGroups page 1 without a Marker and page 2 with page 1's NextMarker, DescribeTargetHealth
 * per TargetGroupArn, ListCertificates page 1 without a NextToken and page 2 with page 1's, DescribeCertificate per
 * CertificateArn, and the load balancer's traffic in CloudWatch (GetMetricData, CBOR). {@code {epoch+Nd}} /
 * {@code {epoch-Nd}} in the ACM files are {@code now} plus or minus N days, in epoch seconds.
 */
public final class NetworkStubs {

    public static final String ACCOUNT_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    public static final String MARKER = "AAEAAQAMc21hcnRjbG91ZG9wcy13b3JrZXI";
    public static final String NEXT_TOKEN = "eyJ0b2tlbiI6InBhZ2UtMiJ9";
    public static final String CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/";

    /** Target group name → the file of its DescribeTargetHealth (the unused legacy group is never asked). */
    public static final Map<String, String> TARGET_GROUPS = Map.of(
            "targetgroup/smartcloudops-api-tg/73e2d6bc24d8a067", "describe-target-health-api.xml",
            "targetgroup/smartcloudops-web-tg/2453ed029918f21f", "describe-target-health-web.xml",
            "targetgroup/smartcloudops-worker-tg/9683b2d02a6cabee", "describe-target-health-worker.xml");

    /** Certificate id → the file of its DescribeCertificate. */
    public static final Map<String, String> CERTIFICATES = Map.of(
            "0b6f3b0e-2f3a-4c1d-9a4e-7d2c8e1f5a01", "describe-certificate-api.json",
            "1c7e4d2f-3a4b-4d2e-8b5f-8e3d9f2a6b12", "describe-certificate-www.json",
            "2d8f5e3a-4b5c-4e3f-9c6a-9f4eaa3b7c23", "describe-certificate-legacy.json",
            "3e9a6f4b-5c6d-4f4a-8d7b-a05fbb4c8d34", "describe-certificate-grafana.json",
            "4fab7a5c-6d7e-4a5b-9e8c-b16acc5d9e45", "describe-certificate-partner.json");


    private NetworkStubs() {
    }

    public static void elb(WireMockServer server) {
        server.stubFor(query("DescribeTargetGroups").atPriority(5)
                .willReturn(xml(body("elbv2/describe-target-groups-page1.xml", null))));
        server.stubFor(query("DescribeTargetGroups").atPriority(4).withRequestBody(containing("Marker=" + MARKER))
                .willReturn(xml(body("elbv2/describe-target-groups-page2.xml", null))));
        TARGET_GROUPS.forEach((group, file) -> server.stubFor(query("DescribeTargetHealth").atPriority(5)
                .withRequestBody(containing("TargetGroupArn=" + encoded(ACCOUNT_ARN + group)))
                .willReturn(xml(body("elbv2/" + file, null)))));
        server.stubFor(AwsDataStubs.getMetricData().withRequestBody(containing("AWS/ApplicationELB"))
                .willReturn(AwsDataStubs.cbor(body("cloudwatch/get-metric-data-elb.json", null))));
    }

    public static void acm(WireMockServer server, Instant now) {
        server.stubFor(json("CertificateManager.ListCertificates").atPriority(5)
                .willReturn(awsJson(body("acm/list-certificates-page1.json", now))));
        server.stubFor(json("CertificateManager.ListCertificates").atPriority(4)
                .withRequestBody(containing("\"NextToken\":\"" + NEXT_TOKEN + "\""))
                .willReturn(awsJson(body("acm/list-certificates-page2.json", now))));
        CERTIFICATES.forEach((id, file) -> server.stubFor(json("CertificateManager.DescribeCertificate")
                .atPriority(5).withRequestBody(equalToJson("{\"CertificateArn\":\"" + CERTIFICATE_ARN + id + "\"}"))
                .willReturn(awsJson(body("acm/" + file, now)))));
    }

    public static ResponseDefinitionBuilder awsJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    /** The awsJson error document, e.g. {@code AccessDeniedException} or {@code ThrottlingException}. */
    public static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    public static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
