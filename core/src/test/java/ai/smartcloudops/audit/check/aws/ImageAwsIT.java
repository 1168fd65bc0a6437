package ai.smartcloudops.audit.check.aws;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
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
 * (core/src/build/ImageLibraries.java). Against the demo's answers of every service, a nightly run of it stores the
 * findings that the same run in this JVM, on the whole modules, stores, and uploads its reports to S3.
 */
class ImageAwsIT {

    private static final String FINDINGS = "SELECT code || ' ' || severity || ' ' || target || ' ' || resource_kind "
            + "|| '/' || resource_name FROM finding ORDER BY 1";

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
            String whole = TestDatabase.newDatabase();
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
            aws.server.resetRequests();
            CliRun reference = CliRun.of("run", "nightly", "--only", "aws", "--config", config.toString(),
                    "--store", whole, "--out", tmp.resolve("whole").toString());

            List<String> expected = rows(whole, FINDINGS);
            assertThat(expected).as("the reference run reads every service: EC2, EKS, ELB, RDS, ElastiCache, ACM, "
                    + "and CloudWatch's metrics of RDS").anySatisfy(f -> assertThat(f).startsWith("AWS-1"))
                    .anySatisfy(f -> assertThat(f).startsWith("AWS-2"))
                    .anySatisfy(f -> assertThat(f).startsWith("AWS-3"))
                    .anySatisfy(f -> assertThat(f).startsWith("AWS-5"))
                    .anySatisfy(f -> assertThat(f).startsWith("AWS-6"))
                    .anySatisfy(f -> assertThat(f).matches("AWS-40[23] .*"))
                    .noneSatisfy(f -> assertThat(f).startsWith("AUDIT-9"));
            assertThat(image.exitCode()).as(image.output()).isEqualTo(reference.exitCode());
            assertThat(rows(shrunk, FINDINGS)).as(image.output()).containsExactlyElementsOf(expected);
        }
    }
}
