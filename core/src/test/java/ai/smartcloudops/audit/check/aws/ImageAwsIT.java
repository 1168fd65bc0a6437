package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.demo.DemoAws;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's jar carries the AWS SDK's service modules shrunk to the classes the audit reaches from its own
 * (core/src/build/ImageLibraries.java). Against the demo's answers of every service, a nightly run of it stores every
 * fault the demo injects, as the whole modules do (AwsComputeIT and the others, in this JVM), and uploads its reports
 * to S3.
 */
class ImageAwsIT {

    /** Each code's resources, as DemoAws.FAULTS lists them. */
    private static final String FAULTS = "SELECT code || '=' || string_agg(resource_kind || '/' || resource_name, ', ' "
            + "ORDER BY resource_kind || '/' || resource_name COLLATE \"C\") FROM finding WHERE code LIKE 'AWS-%' "
            + "GROUP BY code ORDER BY code COLLATE \"C\"";

    @TempDir
    Path tmp;

    @Test
    void theShrunkServiceModulesReadAndUploadWhatTheWholeOnesDo() throws Exception {
        try (AwsFixtures aws = new AwsFixtures()) {
            DemoAws.stub(aws.server, Instant.now());
            aws.server.stubFor(put(urlPathMatching("/audit-reports/.*")).willReturn(aResponse().withStatus(200)));
            Path config = Files.writeString(tmp.resolve("aws.yml"), aws.config("""
                      publish:
                        s3: {bucket: audit-reports, prefix: image/, region: eu-west-1, endpoint: "%s"}
                    """.formatted(aws.server.baseUrl())));
            String shrunk = TestDatabase.newDatabase();

            JarProcess.Result image = JarProcess.run(JarProcess.of(List.of("-XX:TieredStopAtLevel=1",
                            "-Daws.accessKeyId=" + System.getProperty("aws.accessKeyId"),
                            "-Daws.secretAccessKey=" + System.getProperty("aws.secretAccessKey"),
                            "-Dhealth-audit.home=" + tmp.resolve("home")),
                    List.of("run", "nightly", "--only", "aws", "--config", config.toString(), "--store", shrunk,
                            "--out", tmp.resolve("shrunk").toString())), Duration.ofMinutes(3));

            assertThat(rows(shrunk, "SELECT status FROM audit_run")).as(image.output()).containsExactly("COMPLETED");
            String runId = rows(shrunk, "SELECT id FROM audit_run").get(0);
            for (String file : List.of("report.html", "report.xlsx", "findings.json")) {
                aws.server.verify(putRequestedFor(urlEqualTo("/audit-reports/image/" + runId + "/" + file)));
            }
            // every fault of the demo's answers, of every service (CloudWatch's metrics included), and no check failed
            assertThat(rows(shrunk, FAULTS)).as(image.output()).containsExactlyElementsOf(DemoAws.FAULTS.entrySet()
                    .stream().map(fault -> fault.getKey() + "=" + fault.getValue()).sorted().toList());
            assertThat(rows(shrunk, "SELECT code FROM finding WHERE code LIKE 'AUDIT-9%'")).as(image.output())
                    .isEmpty();
        }
    }
}
