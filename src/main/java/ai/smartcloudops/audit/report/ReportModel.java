package ai.smartcloudops.audit.report;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.maintenance.Verdict;
import ai.smartcloudops.audit.run.Sweep;
import ai.smartcloudops.audit.text.Text;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
public record ReportModel(Run run, List<Item> findings, List<Item> resolved, List<Coverage> coverage,
                          Integer previousScore, List<TrendPoint> trend, Verdict verdict) {

    public ReportModel(Run run, List<Item> findings, List<Item> resolved, List<Coverage> coverage,
                       Integer previousScore, List<TrendPoint> trend) {
        this(run, findings, resolved, coverage, previousScore, trend, null);
    }

    public ReportModel {
        Objects.requireNonNull(run, "run");
        findings = findings.stream().sorted(Item.ORDER).toList();
        resolved = resolved.stream().sorted(Item.ORDER).toList();
        coverage = List.copyOf(coverage);
        trend = List.copyOf(trend);
    }

    /** The run: status is RUNNING, COMPLETED or FAILED; trigger is cli, demo, schedule or api. */
    public record Run(long id, String job, String trigger, Instant startedAt, Instant finishedAt, String status,
                      int score, String grade) {
    }

    /** A finding with its state: new, persisting, regressed, or resolved. */
    public record Item(Finding finding, String state, Instant firstSeen) {
        static final Comparator<Item> ORDER = Comparator
                .comparing((Item i) -> i.finding().severity())
                .thenComparing(i -> i.finding().area())
                .thenComparing(i -> i.finding().code())
                .thenComparing(i -> i.finding().target())
                .thenComparing(i -> i.finding().resource().path());
    }

    /**
     * What a (check, target) did: status ran, partial (a permission hid part of what it reads), not configured
     * (nothing to read), skipped, error or timeout; with the reason when it did not run in full.
     */
    public record Coverage(String check, String target, String status, long durationMs, int findings,
                           String reason) {

        /** The reason often quotes what a target answered: cleaned like a finding's text. */
        public Coverage {
            target = Text.clean(target);
            reason = Text.clean(reason);
        }

        /** Ran in full: it saw all it reads. */
        public boolean ran() {
            return Sweep.RAN.equals(status);
        }

        /** Had nothing to read: the part of the configuration it needs is absent. */
        public boolean notConfigured() {
            return Sweep.NOT_CONFIGURED.equals(status);
        }

        /** How many did not run in full, by status: {@code 2 partial, 1 not configured}; empty when none. */
        public static String breakdown(List<Coverage> coverage) {
            return coverage.stream().filter(c -> !c.ran())
                    .collect(Collectors.groupingBy(Coverage::status, TreeMap::new, Collectors.counting()))
                    .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        }

        /**
         * The checks that did not run in full, grouped by target and why, ordered by target and check: an unreachable
         * target stops all of its checks the same way, and says so once.
         */
        public static Map<NotRun, List<String>> notRun(List<Coverage> coverage) {
            return coverage.stream().filter(c -> !c.ran())
                    .sorted(Comparator.comparing(Coverage::target).thenComparing(Coverage::check))
                    .collect(Collectors.groupingBy(c -> new NotRun(c.target(), c.status(), c.reason()),
                            LinkedHashMap::new, Collectors.mapping(Coverage::check, Collectors.toList())));
        }
    }

    /** Why checks did not run in full on a target: the coverage status and its reason (null when none was recorded). */
    public record NotRun(String target, String status, String reason) {
    }

    public record TrendPoint(long runId, Instant startedAt, int score, Map<Severity, Integer> counts) {
    }

    /** The findings that count: every finding that is not waived. */
    public List<Item> active() {
        return findings.stream().filter(i -> !i.finding().waived()).toList();
    }

    /** Waived findings: kept and shown in an appendix, never counted, scored or escalated. */
    public List<Item> waived() {
        return findings.stream().filter(i -> i.finding().waived()).toList();
    }

    /** Counts per severity of the findings that count, every severity present. */
    public Map<Severity, Integer> countsBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        active().forEach(i -> counts.merge(i.finding().severity(), 1, Integer::sum));
        return counts;
    }

    /** Findings at or above a severity that are not waived: what --fail-on judges. */
    public long failing(Severity threshold) {
        return active().stream().filter(i -> i.finding().severity().atLeast(threshold)).count();
    }

    /** Counts per state: new, persisting, regressed, resolved. */
    public Map<String, Integer> countsByState() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String state : List.of("new", "persisting", "regressed")) {
            counts.put(state, (int) findings.stream().filter(i -> state.equals(i.state())).count());
        }
        counts.put("resolved", resolved.size());
        return counts;
    }

    /** The findings that count, grouped by area, areas in order of their most severe finding. */
    public Map<String, List<Item>> byArea() {
        return active().stream().collect(Collectors.groupingBy(i -> i.finding().area(), LinkedHashMap::new,
                Collectors.toList()));
    }

    /** This run's score minus the previous run's, or null when there is no previous run. */
    public Integer scoreChange() {
        return previousScore == null ? null : run.score() - previousScore;
    }

    /** The display title of an area id as stored in findings ("kubernetes" -> "Kubernetes"); unknown ids as is. */
    public static String areaTitle(String area) {
        try {
            return Area.parse(area).title();
        } catch (IllegalArgumentException e) {
            return area;
        }
    }
}
