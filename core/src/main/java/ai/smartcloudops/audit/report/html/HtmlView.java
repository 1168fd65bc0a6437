package ai.smartcloudops.audit.report.html;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.maintenance.Verdict;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What report.ftlh shows, already formatted: the template only lays out strings and numbers, so formatting,
 * ordering and the trend chart's geometry are plain Java and testable. Every string here is still escaped by
 * the template (HTML output format), whatever it holds.
 *
 * <p>Findings are grouped per area by severity and code. A run of up to {@value #ALL_ROWS_UP_TO} findings shows
 * every row with every group open; a larger one shows at most {@value #URGENT_ROWS} rows of a P0 or P1 group
 * and {@value #OTHER_ROWS} of a P2 or P3 group, opens only the P0 and P1 groups, and lists the first
 * {@value #CARDS} P0 and P1 findings as cards, so that a page of 100,000 findings stays a few megabytes a
 * browser opens. Each group says how many rows it leaves out; report.xlsx and findings.json have them all.
 *
 * @param urgentGroups a large run's P0 and P1 groups, listed above the cards to lead to each
 */
public record HtmlView(Header header, ScoreView score, List<Count> severities, List<Count> states,
                       Listing urgent, List<Group> urgentGroups, List<AreaSection> areas, Listing resolved,
                       List<CoverageRow> coverage, List<CoverageRow> notChecked, String notCheckedBreakdown,
                       Listing waived, Trend trend, VerdictView verdict) {

    static final int ALL_ROWS_UP_TO = 500;
    static final int URGENT_ROWS = 100;
    static final int OTHER_ROWS = 20;
    static final int CARDS = 50;
    /** Rows of the resolved and the waived findings in a large run. */
    static final int LIST_ROWS = 200;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    public record Header(String runId, String job, String trigger, String startedAt, String finishedAt,
                         String duration, String status, String statusClass) {
    }

    /** A pre-maintenance run's GO / NO-GO and its gates, failing ones first; absent for other runs. */
    public record VerdictView(String result, String resultClass, String window, List<GateRow> gates) {
    }

    public record GateRow(String gate, String result, String resultClass, String detail) {
    }

    /** The score, its grade, and the change since the previous run as text ("−25 since the previous run"). */
    public record ScoreView(int value, String grade, String gradeClass, String change, String changeClass) {
    }

    public record Count(String key, String label, int count, String cssClass) {
    }

    public record Evidence(String key, String value) {
    }

    public record Row(String code, String severity, String severityLabel, String severityClass, String state,
                      String area, String target, String resource, String title, String detail,
                      List<Evidence> evidence, String remediation, String firstSeen, String waiver, String team,
                      String due, boolean overdue) {
    }

    /** The first rows of a list of {@code total}; the others are left out of the page. */
    public record Listing(List<Row> rows, int total) {

        public Listing {
            rows = List.copyOf(rows);
            if (rows.size() > total) {
                throw new IllegalArgumentException(rows.size() + " rows of a listing of " + total);
            }
        }

        /** @param asOf when the audit ran: a finding due before it is overdue */
        static Listing of(List<TrackedFinding> items, int limit, Instant asOf) {
            return new Listing(items.stream().limit(limit).map(i -> row(i, asOf)).toList(), items.size());
        }
    }

    /** An area's findings: its counts per severity and its groups, most severe first. */
    public record AreaSection(String anchor, String title, int count, List<Count> severities, List<Group> groups) {
    }

    /**
     * The findings of one code at one severity in an area, shown as a collapsible block.
     *
     * @param states the count per state, e.g. "3 new, 120 persisting"
     */
    public record Group(String anchor, String code, String area, String severity, String severityLabel,
                        String severityClass, String states, boolean open, Listing listing) {
    }

    public record CoverageRow(String check, String target, String status, String duration, int findings,
                              String reason, boolean ran) {
    }

    /** An SVG bar chart of score per run; coordinates in the SVG's own units. */
    public record Trend(int width, int height, int baseline, List<Bar> bars, String line, List<Gridline> grid) {
    }

    public record Bar(int x, int y, int width, int height, int centre, String score, String run, String tooltip,
                      String cssClass) {
    }

    public record Gridline(int y, String label) {
    }

    static HtmlView of(ReportModel model) {
        ReportModel.Run run = model.run();
        Header header = new Header(String.valueOf(run.id()), run.job(), run.trigger(), time(run.startedAt()),
                run.finishedAt() == null ? "not finished" : time(run.finishedAt()),
                duration(run.startedAt(), run.finishedAt()), run.status().toString(), statusClass(run.status()));

        List<Count> severities = new ArrayList<>();
        model.counts().bySeverity().forEach((s, n) -> severities.add(
                new Count(s.name(), s.label(), n, severityClass(s))));
        List<Count> states = new ArrayList<>();
        model.countsByState().forEach((state, n) -> states.add(new Count(state.toString(), state.toString(), n,
                "state-" + state)));

        boolean large = model.findings().size() > ALL_ROWS_UP_TO;
        int listed = large ? LIST_ROWS : Integer.MAX_VALUE;
        List<TrackedFinding> urgent = model.active().stream()
                .filter(i -> i.finding().severity().atLeast(Severity.P1)).toList();
        List<AreaSection> areas = new ArrayList<>();
        for (Map.Entry<Area, List<TrackedFinding>> e : model.byArea().entrySet()) {
            areas.add(area(e.getKey(), e.getValue(), large, run.startedAt()));
        }
        // in a large run, the open groups are the P0 and P1 ones
        List<Group> urgentGroups = large ? areas.stream().flatMap(a -> a.groups().stream())
                .filter(Group::open).sorted(Comparator.comparing(Group::severity)).toList() : List.of();
        List<CoverageRow> coverage = model.coverage().stream().map(HtmlView::coverage).toList();
        return new HtmlView(header, score(model), severities, states,
                Listing.of(urgent, large ? CARDS : Integer.MAX_VALUE, run.startedAt()), urgentGroups, areas,
                Listing.of(model.resolved(), listed, run.startedAt()), coverage,
                coverage.stream().filter(c -> !c.ran()).toList(), Coverage.breakdown(model.coverage()),
                Listing.of(model.waived(), listed, run.startedAt()),
                trend(model.trend(), run.id()), model.verdict() == null ? null : verdict(model.verdict()));
    }

    /** One area's groups of (severity, code), in the findings' order: most severe first, then by code. */
    private static AreaSection area(Area area, List<TrackedFinding> items, boolean large, Instant asOf) {
        String anchor = anchor(area.id());
        Map<String, List<TrackedFinding>> groups = items.stream().collect(Collectors.groupingBy(
                i -> i.finding().severity().name() + " " + i.finding().code().code(), LinkedHashMap::new,
                Collectors.toList()));
        List<Group> views = new ArrayList<>();
        for (List<TrackedFinding> group : groups.values()) {
            Finding first = group.get(0).finding();
            Severity severity = first.severity();
            boolean urgent = severity.atLeast(Severity.P1);
            int limit = !large ? Integer.MAX_VALUE : urgent ? URGENT_ROWS : OTHER_ROWS;
            views.add(new Group("g-" + anchor + "-" + anchor(first.code().code()) + "-" + anchor(severity.name()),
                    first.code().code(), area.title(), severity.name(), severity.label(), severityClass(severity),
                    states(group), urgent || !large, Listing.of(group, limit, asOf)));
        }
        List<Count> counts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            int n = (int) items.stream().filter(i -> i.finding().severity() == s).count();
            if (n > 0) {
                counts.add(new Count(s.name(), s.label(), n, severityClass(s)));
            }
        }
        return new AreaSection("area-" + anchor, area.title(), items.size(), counts, views);
    }

    /** "3 new, 120 persisting": the group's count per state (new, persisting, regressed sort by name too). */
    private static String states(List<TrackedFinding> group) {
        Map<String, Long> counts = group.stream().collect(Collectors.groupingBy(
                i -> Objects.toString(i.state(), "not diffed"), TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static VerdictView verdict(Verdict verdict) {
        return new VerdictView(verdict.result(), verdict.go() ? "ok" : "bad", verdict.window().toString(),
                verdict.failingFirst().stream().map(g -> new GateRow(g.name(), g.result(),
                        g.passed() ? "ok" : "bad", g.detail())).toList());
    }

    private static ScoreView score(ReportModel model) {
        int score = model.run().score();
        Integer change = model.scoreChange();
        String text;
        String css;
        if (change == null) {
            text = "first run of this job";
            css = "flat";
        } else if (change == 0) {
            text = "no change since the previous run (" + model.previousScore() + ")";
            css = "flat";
        } else {
            text = (change > 0 ? "+" + change : "\u2212" + (-change)) + " since the previous run ("
                    + model.previousScore() + ")";
            css = change > 0 ? "up" : "down";
        }
        return new ScoreView(score, model.run().grade(), "grade-" + scoreClass(score), text, css);
    }

    static Row row(TrackedFinding item, Instant asOf) {
        Finding f = item.finding();
        List<Evidence> evidence = f.evidence().entrySet().stream()
                .map(e -> new Evidence(e.getKey(), e.getValue())).toList();
        return new Row(f.code().code(), f.severity().name(), f.severity().label(), severityClass(f.severity()),
                Objects.toString(item.state(), null), f.area().title(), f.target(),
                f.resource().path(), f.title(), f.detail(), evidence, f.remediation(),
                item.firstSeen() == null ? "" : time(item.firstSeen()),
                f.waiver() == null ? "" : f.waiver(), f.code().team().id(),
                item.due() == null ? "" : time(item.due()), item.overdue(asOf));
    }

    private static CoverageRow coverage(Coverage c) {
        boolean ran = c.ran();
        String reason = c.reason() == null || c.reason().isBlank()
                ? (ran ? "" : "no reason recorded") : c.reason();
        return new CoverageRow(c.check(), c.target(), c.status().toString(), Humanize.millis(c.durationMs()), c.findings(),
                reason, ran);
    }

    /** Bars of score (0..100) per run, oldest left; the current run is marked. */
    static Trend trend(List<ReportModel.TrendPoint> points, long currentRun) {
        int top = 14;
        int plot = 120;
        int baseline = top + plot;
        int height = baseline + 22;
        int slot = 56;
        int left = 34;
        int width = Math.max(240, left + slot * points.size() + 10);
        List<Bar> bars = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            ReportModel.TrendPoint p = points.get(i);
            int score = Math.max(0, Math.min(100, p.score()));
            int h = Math.round(score * plot / 100f);
            int x = left + i * slot + 12;
            int w = slot - 24;
            int centre = x + w / 2;
            String css = "bar grade-" + scoreClass(score) + (p.runId() == currentRun ? " current" : "");
            bars.add(new Bar(x, baseline - h, w, h, centre, String.valueOf(p.score()), "#" + p.runId(),
                    "run " + p.runId() + ", " + (p.startedAt() == null ? "" : time(p.startedAt()) + ", ")
                            + "score " + p.score(), css));
            line.append(i == 0 ? "" : " ").append(centre).append(',').append(baseline - h);
        }
        List<Gridline> grid = new ArrayList<>();
        for (int v = 0; v <= 100; v += 25) {
            grid.add(new Gridline(baseline - v * plot / 100, String.valueOf(v)));
        }
        return new Trend(width, height, baseline, bars, line.toString(), grid);
    }

    static String severityClass(Severity s) {
        return "sev-" + s.name().toLowerCase(Locale.ROOT);
    }

    private static String scoreClass(int score) {
        return score >= 90 ? "a" : score >= 75 ? "b" : score >= 60 ? "c" : score >= 40 ? "d" : "f";
    }

    private static String statusClass(RunStatus status) {
        return switch (status) {
            case COMPLETED -> "ok";
            case FAILED -> "bad";
            case RUNNING -> "info";
        };
    }

    private static String anchor(String area) {
        return area.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "";
        }
        Duration d = Duration.between(start, end);
        return d.isNegative() ? "" : Humanize.duration(d);
    }
}
