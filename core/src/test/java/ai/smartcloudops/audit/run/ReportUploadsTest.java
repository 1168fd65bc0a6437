package ai.smartcloudops.audit.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.MovableClock;
import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import ai.smartcloudops.audit.publish.FakeS3;
import ai.smartcloudops.audit.publish.OwedUploads;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.ReportWriter;
import ai.smartcloudops.audit.report.excel.ExcelReportRenderer;
import ai.smartcloudops.audit.report.html.HtmlReportRenderer;
import ai.smartcloudops.audit.report.json.JsonReportRenderer;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An upload S3 refused is owed in the store and tried again once its wait is over, from the run's directory or, when
 * that is gone with its pod, from reports rendered again from the store; until then nothing is tried.
 */
class ReportUploadsTest {

    private static final ResponseDefinitionBuilder DENIED = aResponse().withStatus(403).withBody(
            "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");

    @RegisterExtension
    final FakeS3 s3 = new FakeS3();
    private final String store = TestDatabase.newStore();
    private final DataSource dataSource = new DriverManagerDataSource(store);
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final RunStore runs = new RunStore(jdbc);
    private final FindingStore findings = new FindingStore(dataSource, TestCatalogue.get());
    private final ReportWriter writer = new ReportWriter(List.of(new HtmlReportRenderer(), new ExcelReportRenderer(),
            new JsonReportRenderer()));
    private final ReportModelFactory models = new ReportModelFactory(runs, findings, new VerdictStore(jdbc),
            (severity, opened) -> opened.plus(Duration.ofHours(1)));
    private final MovableClock clock = MovableClock.at(Instant.parse("2026-12-07T02:00:00Z"));

    @TempDir
    Path out;

    @Test
    void aRefusedUploadIsOwedAndTriedAgainAfterADoublingWaitFromTheStoreOnceItsDirectoryIsGone() throws Exception {
        long runId = refusedRun();

        assertThat(owed()).containsExactly("1 2026-12-07 02:05:00+00");
        ReportUploads uploads = uploads();
        assertThat(uploads.retryOwed(out)).as("not before its wait is over").isZero();
        int refused = s3.getAllServeEvents().size();

        clock.advance(Duration.ofMinutes(5));
        assertThat(uploads.retryOwed(out)).isZero();
        assertThat(s3.getAllServeEvents()).hasSizeGreaterThan(refused);
        assertThat(owed()).as("the wait doubles").containsExactly("2 2026-12-07 02:15:00+00");

        accepting();
        try (Stream<Path> files = Files.walk(out)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(out)).forEach(p -> p.toFile()
                    .delete());
        }
        clock.advance(Duration.ofMinutes(10));

        assertThat(uploads.retryOwed(out)).isOne();

        for (String file : List.of("report.html", "report.xlsx", "findings.json")) {
            s3.verify(putRequestedFor(urlEqualTo("/audit-reports/prod/" + runId + "/" + file)));
        }
        assertThat(owed()).isEmpty();
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void anUploadThatSucceedsOwesNothingAndSettlesWhatItOwed() throws Exception {
        long runId = refusedRun();
        accepting();

        uploads().upload(runId, out);

        assertThat(owed()).isEmpty();
        assertThat(s3.getAllServeEvents()).hasSize(3);
    }

    /** A run whose reports S3 refused at the publish step. */
    private long refusedRun() throws Exception {
        long runId = run();
        writer.write(models.build(runId), out);
        s3.stubFor(put(urlPathMatching("/audit-reports/.*")).willReturn(DENIED));
        uploads().upload(runId, out);
        return runId;
    }

    /** S3 takes every object from now on. */
    private void accepting() {
        s3.resetAll();
        s3.stubFor(put(urlPathMatching("/audit-reports/.*")).willReturn(aResponse().withStatus(200)));
    }

    private ReportUploads uploads() {
        return new ReportUploads(s3.publisher("prod", null, null), new OwedUploads(jdbc), models, writer, clock);
    }

    private long run() {
        Instant now = clock.instant();
        long runId = runs.create("nightly", "test", now, "");
        findings.saveSweep(runId, 0, List.of(Finding.of(KubernetesCode.K8S_201, "prod", new Resource("Pod", "a",
                "api-1")).title("restarts").checkId("kubernetes.pods").build()), List.of(), Map.of());
        findings.diff(runId, null, now, AuditCode.AUDIT_904);
        runs.finish(runId, RunStatus.COMPLETED, now.plusSeconds(30), 95);
        return runId;
    }

    private List<String> owed() throws Exception {
        return TestDatabase.rows(store, "SELECT attempts || ' ' || (next_attempt_at AT TIME ZONE 'UTC')::text "
                + "|| '+00' FROM report_upload");
    }
}
