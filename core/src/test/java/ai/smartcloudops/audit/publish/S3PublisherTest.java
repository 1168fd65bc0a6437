package ai.smartcloudops.audit.publish;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run's report directory as S3 receives it (its REST protocol, signed): one encrypted PutObject per file. */
class S3PublisherTest {

    @RegisterExtension
    final FakeS3 s3 = new FakeS3();

    @TempDir
    Path out;

    private S3Publisher publisher(String encryption, String kmsKeyId) {
        return s3.publisher("/prod/audits", encryption, kmsKeyId);
    }

    private Path runDir() throws IOException {
        Path dir = Files.createDirectories(out.resolve("7"));
        Files.writeString(dir.resolve("report.html"), "<html>report</html>");
        Files.write(dir.resolve("report.xlsx"), new byte[] {'P', 'K', 3, 4, 0, -1});
        Files.writeString(dir.resolve("findings.json"), "{\"findings\":[]}");
        Files.writeString(out.resolve("secret.txt"), "not a report");
        Files.createSymbolicLink(dir.resolve("link.txt"), out.resolve("secret.txt"));
        return dir;
    }

    @Test
    void everyFileOfTheRunsDirectoryIsPutEncryptedUnderThePrefixAndALinkIsNot() throws Exception {
        s3.stubFor(put(urlPathMatching("/audit-reports/prod/audits/7/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"abc\"")));
        S3Publisher publisher = publisher(null, null);

        assertThat(publisher.upload(7, runDir())).isEqualTo("3 files to s3://audit-reports/prod/audits/7/");

        s3.verify(putRequestedFor(urlEqualTo("/audit-reports/prod/audits/7/report.html"))
                .withHeader("x-amz-server-side-encryption", equalTo("AES256"))
                .withHeader("Content-Type", equalTo("text/html; charset=UTF-8"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=" + FakeS3.ACCESS_KEY + "/\\d{8}/"
                        + "eu-west-1/s3/aws4_request, .*"))
                // over plain HTTP the SDK signs each chunk of the body (aws-chunked), as S3 accepts it
                .withHeader("x-amz-decoded-content-length", equalTo("19"))
                .withRequestBody(matching("(?s)13;chunk-signature=[0-9a-f]{64}\r\n<html>report</html>\r\n"
                        + "0;chunk-signature=[0-9a-f]{64}\r\n.*")));
        s3.verify(putRequestedFor(urlEqualTo("/audit-reports/prod/audits/7/report.xlsx"))
                .withHeader("x-amz-decoded-content-length", equalTo("6")));
        s3.verify(putRequestedFor(urlEqualTo("/audit-reports/prod/audits/7/findings.json"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(s3.getAllServeEvents()).hasSize(3);
        assertThat(publisher.location(7)).isEqualTo("s3://audit-reports/prod/audits/7/");
    }

    @Test
    void kmsEncryptionNamesItsKey() throws Exception {
        s3.stubFor(put(urlPathMatching("/audit-reports/.*")).willReturn(aResponse().withStatus(200)));

        publisher("aws:kms", "alias/health-audit").upload(7, runDir());

        s3.verify(3, putRequestedFor(urlPathMatching("/audit-reports/prod/audits/7/.*"))
                .withHeader("x-amz-server-side-encryption", equalTo("aws:kms"))
                .withHeader("x-amz-server-side-encryption-aws-kms-key-id", equalTo("alias/health-audit")));
    }

    @Test
    void aBucketThatRefusesIsOneErrorNamingTheObjectAndNoCredential() throws Exception {
        s3.stubFor(put(urlPathMatching("/audit-reports/.*")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml").withBody("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Error><Code>AccessDenied</Code><Message>Access Denied</Message>
                        <RequestId>R1</RequestId></Error>""")));

        assertThatThrownBy(() -> publisher(null, null).upload(7, runDir())).isInstanceOf(IOException.class)
                .hasMessageStartingWith("PUT s3://audit-reports/prod/audits/7/findings.json: Access Denied")
                .message().doesNotContain("health-audit-test-secret");
        assertThatThrownBy(() -> new PublishProperties.S3("b", null, null, "aws:kms:dsse", null, null))
                .hasMessage("health-audit.publish.s3.encryption must be AES256 or aws:kms, not 'aws:kms:dsse'");
    }
}
