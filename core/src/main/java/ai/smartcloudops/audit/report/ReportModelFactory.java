package ai.smartcloudops.audit.report;

import ai.smartcloudops.audit.finding.AuditRun;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.ResponseTimes;
import ai.smartcloudops.audit.finding.RunHistory;
import ai.smartcloudops.audit.finding.Score;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads one run, its diff and its recent history from the store into the model every renderer uses. */
@Component
public class ReportModelFactory {

    /** Runs of the job the trend charts show: a month of nightly runs. */
    static final int TREND_RUNS = 30;

    private final RunHistory runs;
    private final FindingStore findings;
    private final VerdictStore verdicts;
    private final ResponseTimes responseTimes;

    public ReportModelFactory(RunHistory runs, FindingStore findings, VerdictStore verdicts, ResponseTimes responseTimes) {
        this.runs = runs;
        this.findings = findings;
        this.verdicts = verdicts;
        this.responseTimes = responseTimes;
    }

    public ReportModel build(long runId) {
        AuditRun run = runs.get(runId);
        AuditRun previous = runs.previous(runId, run.job()).orElse(null);
        Long previousId = previous == null ? null : previous.id();
        Map<String, Instant> opened = findings.opened(runId);
        // due: the escalation matrix's response time since the finding opened (its trigger, or first seen)
        List<TrackedFinding> items = findings.items(runId).stream().map(i -> opened.containsKey(i.finding()
                .fingerprint()) ? i.withDue(responseTimes.due(i.finding().severity(), opened.get(i.finding().fingerprint())))
                : i).toList();
        List<Finding> current = items.stream().map(TrackedFinding::finding).toList();
        int score = run.score() != null ? run.score() : Score.of(current);
        // each run's findings counted by the store, not read to be counted
        List<ReportModel.TrendPoint> trend = runs.recent(runId, run.job(), TREND_RUNS).stream()
                .map(r -> new ReportModel.TrendPoint(r.id(), r.startedAt(), r.score() == null ? 0 : r.score(),
                        findings.counts(r.id())))
                .toList();
        return new ReportModel(
                new ReportModel.Run(run.id(), run.job(), run.trigger(), run.startedAt(), run.finishedAt(),
                        run.status(), score, Score.grade(score)),
                items, findings.resolved(runId, previousId), findings.coverage(runId),
                previous == null ? null : previous.score(), trend, verdicts.find(runId).orElse(null));
    }
}
