package ai.smartcloudops.audit.weekly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weekly email's HTML: escaped whatever the store holds, and readable when nothing has run yet. */
class WeeklyEmailTest {

    private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

    @Test
    void escapesEveryStoredStringAndFetchesNothing() throws Exception {
        String hostile = "<script>alert(1)</script><img src=\"https://evil.example/x.png\">";
        WeeklyReport report = new WeeklyReport("Prod <b>east</b>", NOW.minus(WeeklyReport.WINDOW), NOW,
                new WeeklyReport.Run(9, "nightly", NOW.minusSeconds(3600), 55, "D"),
                List.of(new WeeklyReport.Run(9, "nightly", NOW.minusSeconds(3600), 55, "D")),
                List.of(new WeeklyReport.SeverityCounts(Severity.P0, 1, 0, null)),
                List.of(new WeeklyReport.Recurring("K8S-201", Severity.P1, hostile, "prod", "Pod/" + hostile, 3)),
                List.of(new WeeklyReport.Open("K8S-201", Severity.P1, hostile, "prod", "Pod/x",
                        NOW.minus(Duration.ofHours(26)), Duration.ofHours(26), Team.DATABASE,
                        NOW.minus(Duration.ofHours(25)), true)),
                List.of(new WeeklyReport.Waiver("K8S-201", hostile, hostile, hostile, NOW.plusSeconds(60))));

        String html = new WeeklyEmail().render(report, WeeklyReporter.WORKBOOK, "s3://audit-reports/health-audit/9/", null);

        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<img").doesNotContain("<b>")
                .contains("<title>Prod &lt;b&gt;east&lt;/b&gt; weekly health: grade D, 1 open P0/P1</title>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;https://evil.example/x.png&quot;&gt;")
                .contains(">1d 2h</td>").contains(">database</td>")
                .contains("<br><b style=\"color:#b3261e;\">OVERDUE</b></td>")
                .contains("The latest run's full report is attached as report.xlsx. Its reports (report.html, "
                        + "report.xlsx, findings.json) are in s3://audit-reports/health-audit/9/.");
    }

    @Test
    void withNoRunTheGradeIsNotApplicableAndNothingIsAttached() throws Exception {
        WeeklyReport report = new WeeklyReport(WeeklyProperties.DEFAULT_ESTATE, NOW.minus(WeeklyReport.WINDOW), NOW,
                null, List.of(), List.of(), List.of(), List.of(), List.of());

        String html = new WeeklyEmail().render(report, null, null, null);

        assertThat(report.subject()).isEqualTo("SmartCloudOps production weekly health: grade n/a, 0 open P0/P1");
        assertThat(html).contains(">No audit run has completed yet.</p>")
                .contains("<p>No audit run completed in the last 7 days.</p>")
                .contains("<p>No open P0 or P1 finding.</p>")
                .contains("<p>No waiver expires within 7 days.</p>")
                .contains("No audit run has completed, so no workbook is attached.").doesNotContain("Its reports")
                .contains("2026-11-22 to 2026-11-29");
    }
}
