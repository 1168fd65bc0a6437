package ai.smartcloudops.audit.report;

import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.run.RunStore.AuditRun;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reads one run, its diff and its recent history from the store into the model every renderer uses. */
@Component
public class ReportModelFactory {

    static final int TREND_RUNS = 14;

    private final RunStore runs;
    private final FindingStore findings;
    private final VerdictStore verdicts;

    public ReportModelFactory(RunStore runs, FindingStore findings, VerdictStore verdicts) {
        this.runs = runs;
        this.findings = findings;
        this.verdicts = verdicts;
    }

    public ReportModel build(long runId) {
        AuditRun run = runs.get(runId);
        AuditRun previous = runs.previous(runId, run.job()).orElse(null);
        Long previousId = previous == null ? null : previous.id();
        List<ReportModel.Item> items = findings.items(runId);
        int score = run.score() != null ? run.score()
                : Score.of(items.stream().map(ReportModel.Item::finding).toList());
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
