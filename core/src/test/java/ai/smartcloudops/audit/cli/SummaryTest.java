package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.run.AuditService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static final String FORGED = "api\r\n[P0] forged\u001b[2J";
    private static final Instant STARTED = Instant.parse("2026-05-01T02:00:00Z");

    private static ReportModel model(RunStatus status) {
        Finding finding = Finding.of(KubernetesCode.K8S_201, "prod-eks", new Resource("Pod", "payments", FORGED))
                .severity(Severity.P1).title("Pod payments/" + FORGED + " restarts").detail("detail")
                .remediation("kubectl get pods").checkId("kubernetes.pods.restarts").build();
        return new ReportModel(new ReportModel.Run(9, "nightly", "cli", STARTED, STARTED.plusSeconds(3), status, 100,
                "A"), List.of(new TrackedFinding(finding, FindingState.NEW, STARTED)), List.of(),
                List.of(new Coverage("postgres.locks", "db\n[P0] forged", CoverageStatus.ERROR, 5, 0, "refused\r\nok")),
                97, List.of());
    }

    private static String print(AuditService.Outcome outcome) {
        StringWriter out = new StringWriter();
        Summary.print(new PrintWriter(out, true), outcome, Severity.P1);
        return out.toString();
    }

    @Test
    void namesWithLineBreaksAndEscapesArePrintedEscapedOnTheirOwnLine() {
        String printed = print(new AuditService.Outcome(9, true, null, model(RunStatus.COMPLETED),
                Path.of("reports/9")));

        // the finding itself replaced ESC (Text.clean); the line breaks it keeps are escaped here
        assertThat(printed).contains("  P1 K8S-201   [new]       Pod payments/api\\r\\n[P0] forged\uFFFD[2J restarts\n")
                .contains("    postgres.locks on db\\n[P0] forged: error (refused\\r\\nok)\n")
                .doesNotContain("\r", "\u001b");
        assertThat(printed.lines()).noneMatch(line -> line.startsWith("[P0]"));
    }

    @Test
    void theCoverageLineCountsWhatDidNotRunInFullAndSaysWhy() {
        ReportModel base = model(RunStatus.COMPLETED);
        ReportModel model = new ReportModel(base.run(), base.findings(), base.resolved(), List.of(
                new Coverage("postgres.locks", "orders-db", CoverageStatus.RAN, 5, 0, null),
                new Coverage("postgres.sequences", "orders-db", CoverageStatus.PARTIAL, 5, 0,
                        "needs GRANT SELECT ON the sequences, or pg_read_all_data: last_value of 1 sequence"),
                new Coverage("postgres.pool", "orders-db", CoverageStatus.NOT_CONFIGURED, 0, 0,
                        "no pool gauges configured (health-audit.postgres.databases[].pool)")), 97, List.of());

        assertThat(print(new AuditService.Outcome(9, true, null, model, Path.of("reports/9"))))
                .contains("  coverage: 1 of 3 checks ran in full; 1 not configured, 1 partial\n"
                        + "    postgres.pool on orders-db: not configured (no pool gauges configured "
                        + "(health-audit.postgres.databases[].pool))\n"
                        + "    postgres.sequences on orders-db: partial (needs GRANT SELECT ON the sequences, or "
                        + "pg_read_all_data: last_value of 1 sequence)\n");
    }

    @Test
    void aFailedRunPrintsNoScore() {
        String printed = print(new AuditService.Outcome(9, false, "store gone\n[P0] forged", model(RunStatus.FAILED),
                Path.of("reports/9")));

        assertThat(printed).startsWith("health-audit nightly run 9: FAILED in 3.0s\n"
                        + "  the job did not complete: store gone\\n[P0] forged\n")
                .doesNotContain("score", "(A)", "previous 97");
    }
}
