package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.maintenance.Verdict;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.run.AuditService;
import ai.smartcloudops.audit.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The one-screen summary printed after a run. */
final class Summary {

    private static final int TOP = 12;

    private Summary() {
    }

    static void print(PrintWriter out, AuditService.Outcome outcome, Severity failOn) {
        ReportModel report = outcome.report();
        ReportModel.Run run = report.run();
        String took = run.finishedAt() == null ? "" : " in "
                + Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0 + "s";
        if (outcome.waiting()) {
            out.printf("health-audit %s run %d: %s%n", run.job(), run.id(), shown(outcome.message()));
            return;
        }
        if (!Schedule.audits(run.job())) {
            out.printf("health-audit %s run %d: %s%s%n", run.job(), run.id(),
                    outcome.completed() ? "completed" : "FAILED", took);
            out.println("  " + shown(outcome.completed() ? outcome.message() : "the job did not complete: "
                    + outcome.failure()));
            return;
        }
        if (outcome.completed()) {
            out.printf("health-audit %s run %d: completed%s, score %d (%s)%s%n", run.job(), run.id(), took,
                    run.score(), run.grade(), report.previousScore() == null ? "" : ", previous "
                            + report.previousScore());
        } else {
            // the findings of a run that did not finish score nothing: a partial sweep would read as healthy
            out.printf("health-audit %s run %d: FAILED%s%n", run.job(), run.id(), took);
            out.println("  the job did not complete: " + shown(outcome.failure()));
            if (!"demo".equals(run.trigger())) {
                out.println("  once the cause is fixed, continue it with: health-audit run --restart " + run.id());
            }
        }
        Map<Severity, Integer> bySeverity = report.counts().bySeverity();
        Map<FindingState, Integer> byState = report.countsByState();
        out.printf("  P0 %d  P1 %d  P2 %d  P3 %d    new %d  persisting %d  regressed %d  resolved %d%n",
                bySeverity.get(Severity.P0), bySeverity.get(Severity.P1), bySeverity.get(Severity.P2),
                bySeverity.get(Severity.P3), byState.get(FindingState.NEW),
                byState.get(FindingState.PERSISTING), byState.get(FindingState.REGRESSED),
                byState.get(FindingState.RESOLVED));
        List<TrackedFinding> findings = report.active();
        if (!report.waived().isEmpty()) {
            out.printf("  %d waived (kept in the report's appendix, never escalated)%n", report.waived().size());
        }
        findings.stream().limit(TOP).forEach(i -> out.printf("  %s %-9s %-11s %s%n", i.finding().severity(),
                i.finding().code().code(), "[" + i.state() + "]", shown(i.finding().title())));
        if (findings.size() > TOP) {
            out.printf("  ... and %d more in the report%n", findings.size() - TOP);
        }
        report.resolved().forEach(i -> out.printf("  ok %-9s %-11s %s%n", i.finding().code().code(), "[resolved]",
                shown(i.finding().title())));
        long ran = report.coverage().stream().filter(Coverage::ran).count();
        String others = Coverage.breakdown(report.coverage());
        out.printf("  coverage: %d of %d checks ran in full%s%n", ran, report.coverage().size(),
                others.isEmpty() ? "" : "; " + others);
        Coverage.notRun(report.coverage()).forEach((why, checks) -> out.printf("    %s on %s: %s (%s)%n",
                checks.size() == 1 ? checks.get(0) : checks.size() + " checks", shown(why.target()), why.status(),
                shown(why.reason())));
        if (outcome.completed()) {
            out.println("  reports: " + outcome.reportDir().resolve("report.html"));
            out.println("           " + outcome.reportDir().resolve("report.xlsx"));
            out.println("           " + outcome.reportDir().resolve("findings.json"));
            if (Files.isRegularFile(outcome.reportDir().resolve("junit.xml"))) {
                out.println("           " + outcome.reportDir().resolve("junit.xml"));
            }
        }
        Verdict verdict = report.verdict();
        if (verdict != null) {
            // the verdict decides the exit code, so --fail-on's count is not printed beside it
            out.printf("pre-maintenance %s: %s%n", verdict.window(), verdict.result());
            verdict.failingFirst().forEach(g -> out.printf("  %s  %s: %s%n", g.result(), shown(g.name()),
                    shown(g.detail())));
            return;
        }
        if (failOn != null) {
            out.printf("  %d finding(s) at or above %s%n", report.failing(failOn), failOn);
        }
    }

    /** Text from the estate on one line: a name cannot start a forged line of the summary nor drive the terminal. */
    private static String shown(Object text) {
        return Printable.safe(String.valueOf(text));
    }
}
