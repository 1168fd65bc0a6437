package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.check.aws.AwsFixtures.NOW;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.json;
import static ai.smartcloudops.audit.demo.aws.NetworkStubs.awsJson;
import static ai.smartcloudops.audit.demo.aws.NetworkStubs.jsonError;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import ai.smartcloudops.audit.demo.aws.NetworkStubs;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AWS-601..604 against the demo's ListCertificates (two NextToken pages) and DescribeCertificate answers. */
class AcmCertificateCheckTest {

    private static final String ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/"
            + "smartcloudops-alb/50dc6c495c0c9188";
    private static final String ONE = NetworkStubs.CERTIFICATE_ARN + "9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b";

    private final AwsFixtures aws = new AwsFixtures();

    @AfterEach
    void stop() {
        aws.close();
    }

    private List<Finding> run() throws Exception {
        return AwsFixtures.run(new AcmCertificateCheck(aws.targets()));
    }

    private static Resource certificate(String domain, String id) {
        return Resource.of("Certificate", domain + " " + id);
    }

    @Test
    void theDemoCertificatesOfBothPagesAreJudged() throws Exception {
        NetworkStubs.acm(aws.server, NOW);

        List<Finding> findings = run();

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource).containsExactly(
                tuple("AWS-602", Severity.P2, certificate("www.smartcloudops.ai",
                        "1c7e4d2f-3a4b-4d2e-8b5f-8e3d9f2a6b12")),
                tuple("AWS-601", Severity.P0, certificate("legacy.smartcloudops.ai",
                        "2d8f5e3a-4b5c-4e3f-9c6a-9f4eaa3b7c23")),
                tuple("AWS-603", Severity.P1, certificate("grafana.smartcloudops.ai",
                        "3e9a6f4b-5c6d-4f4a-8d7b-a05fbb4c8d34")),
                tuple("AWS-604", Severity.P2, certificate("partner.smartcloudops.ai",
                        "4fab7a5c-6d7e-4a5b-9e8c-b16acc5d9e45")));
        assertThat(findings).extracting(Finding::title).containsExactly(
                "ACM certificate www.smartcloudops.ai 1c7e4d2f-3a4b-4d2e-8b5f-8e3d9f2a6b12 expires in 10d",
                "ACM certificate legacy.smartcloudops.ai 2d8f5e3a-4b5c-4e3f-9c6a-9f4eaa3b7c23 expired on "
                        + "2026-04-28T12:00:00Z",
                "Renewal of ACM certificate grafana.smartcloudops.ai 3e9a6f4b-5c6d-4f4a-8d7b-a05fbb4c8d34 failed: "
                        + "CAA_ERROR",
                "Imported certificate partner.smartcloudops.ai 4fab7a5c-6d7e-4a5b-9e8c-b16acc5d9e45 on the ALB is not "
                        + "renewed automatically");
        assertThat(findings.get(0).detail()).isEqualTo("AMAZON_ISSUED certificate, not valid after "
                + "2026-05-11T12:00:00Z: 10d left (in use: P3 within 28d, P2 within 14d, P1 within 7d; unused: "
                + "P3). In use by: app/smartcloudops-alb/50dc6c495c0c9188. ACM renews an eligible "
                + "Amazon-issued or private certificate from 60 days before it expires and never an IMPORTED one: "
                + "renewal eligibility ELIGIBLE, renewal PENDING_AUTO_RENEWAL.");
        assertThat(findings.get(2).detail()).isEqualTo("ACM could not renew it (CAA_ERROR, updated "
                + "2026-04-29T12:00:00Z); it stays valid only until 2026-06-10T12:00:00Z (40d left). In use by: "
                + "app/smartcloudops-alb/50dc6c495c0c9188 (P1 in use, P2 unused). Pending validation: "
                + "grafana.smartcloudops.ai FAILED.");
        String arn = NetworkStubs.CERTIFICATE_ARN + "2d8f5e3a-4b5c-4e3f-9c6a-9f4eaa3b7c23";
        assertThat(findings.get(1).remediation()).isEqualTo("""
                aws acm describe-certificate --certificate-arn %s --region us-east-1
                openssl s_client -connect legacy.smartcloudops.ai:443 -servername legacy.smartcloudops.ai 2>/dev/null | openssl x509 -noout -dates
                # AMAZON_ISSUED: ACM renews it by itself once every domain validates: create the CNAME records of
                # Certificate.DomainValidationOptions[].ResourceRecord above in DNS, and check again
                # IMPORTED: import the new certificate under the same ARN
                aws acm import-certificate --certificate-arn %s --region us-east-1 \\
                  --certificate fileb://new-certificate.crt \\
                  --private-key fileb://private-key.key \\
                  --certificate-chain fileb://certificate-chain.crt
                kubectl rollout restart deployment/aws-load-balancer-controller -n kube-system
                curl -vI https://legacy.smartcloudops.ai 2>&1 | grep -E "(expire|subject|issuer)\"""".formatted(arn, arn));
        assertThat(findings).extracting(Finding::checkId).containsOnly(AcmCertificateCheck.ID);
        // every key type and the expired ones are listed; page 2 was asked with page 1's token
        aws.server.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("\"CertificateStatuses\":[\"ISSUED\",\"EXPIRED\"]"))
                .withRequestBody(containing("\"EC_prime256v1\""))
                .withRequestBody(containing("\"NextToken\":\"" + NetworkStubs.NEXT_TOKEN + "\"")));
    }

    /** One certificate in the account: {@code notAfter} days from NOW, in use by the ALB or by nothing. */
    private void one(String type, double days, boolean inUse, String renewal) {
        aws.server.stubFor(json("CertificateManager.ListCertificates").willReturn(awsJson("""
                {"CertificateSummaryList":[{"CertificateArn":"%s","DomainName":"*.smartcloudops.ai"}]}"""
                .formatted(ONE))));
        long notAfter = NOW.plusSeconds((long) (days * 86_400)).getEpochSecond();
        aws.server.stubFor(json("CertificateManager.DescribeCertificate").willReturn(awsJson("""
                {"Certificate":{"CertificateArn":"%s","DomainName":"*.smartcloudops.ai","Status":"ISSUED",
                 "NotBefore":%d,"NotAfter":%d,"InUseBy":[%s],"Type":"%s"%s}}""".formatted(ONE,
                NOW.minus(Duration.ofDays(300)).getEpochSecond(), notAfter, inUse ? "\"" + ALB + "\"" : "", type,
                renewal == null ? "" : ",\"RenewalSummary\":{\"RenewalStatus\":\"" + renewal
                        + "\",\"UpdatedAt\":1777550400}"))));
    }

    @ParameterizedTest(name = "{0} {1} days, in use {2}, renewal {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "AMAZON_ISSUED, 300,  true,  -,       -",
            "AMAZON_ISSUED, 28.5, true,  -,       -",
            "AMAZON_ISSUED, 27,   true,  -,       AWS-602 P3",
            "AMAZON_ISSUED, 14,   true,  -,       AWS-602 P2",
            "AMAZON_ISSUED, 7,    true,  -,       AWS-602 P1",
            "AMAZON_ISSUED, 0.2,  true,  -,       AWS-602 P1",
            "AMAZON_ISSUED, 5,    false, -,       AWS-602 P3",
            "AMAZON_ISSUED, -1,   true,  -,       AWS-601 P0",
            "AMAZON_ISSUED, -1,   false, -,       AWS-601 P1",
            "AMAZON_ISSUED, 90,   true,  FAILED,  AWS-603 P1",
            "AMAZON_ISSUED, 90,   false, FAILED,  AWS-603 P2",
            "AMAZON_ISSUED, 20,   true,  FAILED,  AWS-602 P3;AWS-603 P1",
            "AMAZON_ISSUED, -2,   true,  FAILED,  AWS-601 P0",
            "AMAZON_ISSUED, 90,   true,  SUCCESS, -",
            "IMPORTED,      100,  true,  -,       AWS-604 P3",
            "IMPORTED,      56,   true,  -,       AWS-604 P2",
            "IMPORTED,      10,   true,  -,       AWS-602 P2;AWS-604 P2",
            "IMPORTED,      100,  false, -,       -",
            "IMPORTED,      -1,   true,  -,       AWS-601 P0"})
    void severityFollowsTheTimeLeftAndUse(String type, double days, boolean inUse, String renewal, String expected)
            throws Exception {
        one(type, days, inUse, renewal);

        assertThat(run()).extracting(f -> f.code().code() + " " + f.severity())
                .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(";")));
    }

    @Test
    void aWildcardCertificateIsCheckedOnItsDomain() throws Exception {
        one("AMAZON_ISSUED", 3, true, null);

        assertThat(run()).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo(certificate("*.smartcloudops.ai",
                    "9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b"));
            assertThat(f.remediation()).contains("curl -vI https://smartcloudops.ai 2>&1");
        });
    }

    @Test
    void theExpiringThresholdIsTheConfiguredOne() throws Exception {
        aws.set("thresholds.certificate-expiring", "60d");
        one("AMAZON_ISSUED", 40, true, null);

        assertThat(run()).extracting(f -> f.code().code() + " " + f.severity()).containsExactly("AWS-602 P3");
    }

    @Test
    void aThrottledListIsRetried() throws Exception {
        NetworkStubs.acm(aws.server, NOW);
        aws.server.stubFor(json("CertificateManager.ListCertificates").atPriority(1).inScenario("throttled")
                .whenScenarioStateIs(STARTED).willReturn(jsonError(400, "ThrottlingException", "Rate exceeded"))
                .willSetStateTo("recovered"));

        assertThat(run()).hasSize(4);
        aws.server.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("CertificateManager.ListCertificates")));
    }

    @Test
    void accessDeniedOnDescribeCertificateIsAGapNamingIt() throws Exception {
        NetworkStubs.acm(aws.server, NOW);
        aws.server.stubFor(json("CertificateManager.DescribeCertificate").atPriority(1).willReturn(jsonError(400,
                "AccessDeniedException", "User is not authorized to perform: acm:DescribeCertificate")));

        assertThat(AwsFixtures.notPermitted(new AcmCertificateCheck(aws.targets()), "AccessDeniedException",
                "acm:DescribeCertificate")).isEmpty();
    }

    @Test
    void aMalformedAnswerFailsNamingTheAction() {
        aws.server.stubFor(json("CertificateManager.ListCertificates").willReturn(awsJson(
                "{\"CertificateSummaryList\":[{\"CertificateArn\":")));

        assertThatThrownBy(this::run).hasMessageContaining("acm:ListCertificates");
    }
}
