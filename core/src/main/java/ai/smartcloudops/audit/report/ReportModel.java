package ai.smartcloudops.audit.report;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Counts;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.maintenance.Verdict;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything a report shows about one run; every renderer (HTML, Excel, JSON) reads only this.
 *
 * @param findings      the run's findings, most severe first, each with its state against the previous run
 * @param resolved      findings of the previous run of the same job that this run no longer sees
 * @param previousScore the score of the previous run of the same job, null for the first run
 * @param trend         recent runs of the same job, oldest first, this run last
 * @param verdict       a pre-maintenance run's gates and GO / NO-GO; null for other jobs
 */
public record ReportModel(Run run, List<TrackedFinding> findings, List<TrackedFinding> resolved,
                          List<Coverage> coverage, Integer previousScore, List<TrendPoint> trend, Verdict verdict) {

    public ReportModel(Run run, List<TrackedFinding> findings, List<TrackedFinding> resolved,
                       List<Coverage> coverage, Integer previousScore, List<TrendPoint> trend) {
        this(run, findings, resolved, coverage, previousScore, trend, null);
    }

    public ReportModel {
        Objects.requireNonNull(run, "run");
        findings = findings.stream().sorted(TrackedFinding.ORDER).toList();
        resolved = resolved.stream().sorted(TrackedFinding.ORDER).toList();
        coverage = List.copyOf(coverage);
        trend = List.copyOf(trend);
    }

    /** The run: trigger is cli, demo, schedule or api. */
    public record Run(long id, String job, String trigger, Instant startedAt, Instant finishedAt, RunStatus status,
                      int score, String grade) {
    }

    /** A run of the trend: its score and the counts of its findings. */
    public record TrendPoint(long runId, Instant startedAt, int score, Counts counts) {

        /** The severities the trend charts count, beside the score. */
        public static final List<Severity> CHARTED = List.of(Severity.P0, Severity.P1, Severity.P2);

        public TrendPoint {
            Objects.requireNonNull(counts, "trend counts");
        }

        /** What the trend charts show of the run: "score 61, 1 P0, 1 P1, 1 P2". */
        public String charted() {
            return "score " + score + ", " + CHARTED.stream().map(s -> counts.get(s) + " " + s)
                    .collect(Collectors.joining(", "));
        }

        /** The findings the trend charts count: {@link #CHARTED}'s. */
        public int chartedFindings() {
            return CHARTED.stream().mapToInt(counts::get).sum();
        }
    }

    /** The trend charts' title: "Score and P0, P1, P2 findings of the last 30 runs of nightly". */
    public String trendTitle() {
        return "Score and " + TrendPoint.CHARTED.stream().map(Severity::name).collect(Collectors.joining(", "))
                + " findings of the last " + trend.size() + (trend.size() == 1 ? " run" : " runs")
                + " of " + run.job();
    }

    /** The findings that count: every finding that is not waived. */
    public List<TrackedFinding> active() {
        return findings.stream().filter(i -> !i.finding().waived()).toList();
    }

    /** Waived findings: kept and shown in an appendix, never counted, scored or escalated. */
    public List<TrackedFinding> waived() {
        return findings.stream().filter(i -> i.finding().waived()).toList();
    }

    /** The findings that count, per severity. */
    public Counts counts() {
        return Counts.of(findings.stream().map(TrackedFinding::finding).toList());
    }

    /** Findings at or above a severity that are not waived: what --fail-on judges. */
    public long failing(Severity threshold) {
        return counts().atLeast(threshold);
    }

    /** Counts per state: new, persisting, regressed, resolved. */
    public Map<FindingState, Integer> countsByState() {
        Map<FindingState, Integer> counts = new EnumMap<>(FindingState.class);
        for (FindingState state : List.of(FindingState.NEW, FindingState.PERSISTING, FindingState.REGRESSED)) {
            counts.put(state, (int) findings.stream().filter(i -> i.state() == state).count());
        }
        counts.put(FindingState.RESOLVED, resolved.size());
        return counts;
    }

    /** The findings that count, grouped by area, areas in order of their most severe finding. */
    public Map<Area, List<TrackedFinding>> byArea() {
        return active().stream().collect(Collectors.groupingBy(i -> i.finding().area(), LinkedHashMap::new,
                Collectors.toList()));
    }

    /** This run's score minus the previous run's, or null when there is no previous run. */
    public Integer scoreChange() {
        return previousScore == null ? null : run.score() - previousScore;
    }
}
