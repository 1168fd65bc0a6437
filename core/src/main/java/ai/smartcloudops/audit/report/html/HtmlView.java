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
 * ordering and the charts' geometry are plain Java and testable. Every string here is still escaped by
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
                       Listing waived, TrendChart trend, AreaChart byArea, VerdictView verdict) {

    static final int ALL_ROWS_UP_TO = 500;
    static final int URGENT_ROWS = 100;
    static final int OTHER_ROWS = 20;
    static final int CARDS = 50;
    /** Rows of the resolved and the waived findings in a large run. */
    static final int LIST_ROWS = 200;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
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

    /**
     * The trend chart (SVG, coordinates in its own units): the score as a line on the left axis (0 to 100) over the
     * run's P0, P1 and P2 findings as a stacked column on the right axis, one slot per run, oldest left.
     */
    public record TrendChart(int width, int height, int left, int right, int baseline, String title,
                             List<Tick> scoreTicks, List<Tick> countTicks, List<RunMark> runs, String scoreLine) {
    }

    /** A label of an axis at height {@code y}. */
    public record Tick(int y, String label) {
    }

    /**
     * One run of the trend: its column of counts, its score's point, and its x-axis label (empty on most runs,
     * so that 30 of them stay legible).
     */
    public record RunMark(int x, int scoreY, String label, String tooltip, List<Segment> counts, boolean current) {
    }

    /** A rectangle of a chart filled with a severity's colour. */
    public record Segment(int x, int y, int width, int height, String cssClass, String tooltip) {
    }

    /** Findings by severity per area, a horizontal stacked bar each, most severe segment left. */
    public record AreaChart(int width, int height, int barStart, List<AreaBar> bars) {
    }

    /** @param y the bar's top; its label and total are written on the bar's middle line */
    public record AreaBar(int y, int middle, String area, int total, int totalX, List<Segment> segments) {
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
                trend(model.trend(), run.id(), model.trendTitle()), byArea(model.byArea()),
                model.verdict() == null ? null : verdict(model.verdict()));
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
            text = (change > 0 ? "+" + change : "\u2212" + -change) + " since the previous run ("
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

    /** The trend's geometry; null when there is no run to chart. */
    static TrendChart trend(List<ReportModel.TrendPoint> points, long currentRun, String title) {
        if (points.isEmpty()) {
            return null;
        }
        int width = 360;
        int left = 30;
        int right = width - 30;
        int top = 8;
        int baseline = 120;
        int plot = baseline - top;
        int countTop = niceCeiling(points.stream().mapToInt(ReportModel.TrendPoint::chartedFindings).max().orElse(0));
        float slot = (right - left) / (float) points.size();
        int column = Math.max(2, Math.min(24, Math.round(slot * 0.6f)));
        // at most five labels on the x axis, always the latest run's
        int labelEvery = (points.size() + 4) / 5;
        List<RunMark> runs = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            ReportModel.TrendPoint p = points.get(i);
            int x = Math.round(left + slot * (i + 0.5f));
            int scoreY = baseline - Math.round(Math.max(0, Math.min(100, p.score())) * plot / 100f);
            List<Segment> counts = new ArrayList<>();
            int stacked = 0;
            for (Severity s : ReportModel.TrendPoint.CHARTED) {
                int n = p.counts().get(s);
                int bottom = baseline - Math.round(stacked * plot / (float) countTop);
                stacked += n;
                int y = baseline - Math.round(stacked * plot / (float) countTop);
                if (n > 0) {
                    counts.add(new Segment(x - column / 2, y, column, bottom - y, severityClass(s), n + " " + s.name()));
                }
            }
            String label = (points.size() - 1 - i) % labelEvery != 0 ? ""
                    : p.startedAt() == null ? "#" + p.runId() : DAY.format(p.startedAt());
            String tooltip = "run " + p.runId() + (p.startedAt() == null ? "" : ", " + time(p.startedAt())) + ": "
                    + p.charted();
            runs.add(new RunMark(x, scoreY, label, tooltip, counts, p.runId() == currentRun));
            line.append(i == 0 ? "" : " ").append(x).append(',').append(scoreY);
        }
        List<Tick> scoreTicks = new ArrayList<>();
        for (int v = 0; v <= 100; v += 25) {
            scoreTicks.add(new Tick(baseline - v * plot / 100, String.valueOf(v)));
        }
        List<Tick> countTicks = List.of(new Tick(baseline, "0"), new Tick(top, String.valueOf(countTop)));
        return new TrendChart(width, 140, left, right, baseline, title, scoreTicks, countTicks, runs,
                line.toString());
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, … at or above {@code value}: the count axis' top. */
    static int niceCeiling(int value) {
        for (int decade = 1; ; decade *= 10) {
            for (int step : new int[] {1, 2, 5}) {
                if (step * decade >= value) {
                    return step * decade;
                }
            }
        }
    }

    /** Bars of the areas' findings, scaled to the largest area; null when nothing was found. */
    static AreaChart byArea(Map<Area, List<TrackedFinding>> areas) {
        if (areas.isEmpty()) {
            return null;
        }
        int barStart = 110;
        int barSpace = 400;
        int row = 22;
        int most = areas.values().stream().mapToInt(List::size).max().orElse(1);
        List<AreaBar> bars = new ArrayList<>();
        int y = 4;
        for (Map.Entry<Area, List<TrackedFinding>> e : areas.entrySet()) {
            List<Segment> segments = new ArrayList<>();
            int counted = 0;
            int end = barStart;
            for (Severity s : Severity.values()) {
                List<TrackedFinding> found = e.getValue().stream().filter(i -> i.finding().severity() == s).toList();
                if (found.isEmpty()) {
                    continue;
                }
                counted += found.size();
                // a lone finding beside thousands still gets a visible pixel
                int next = Math.max(end + 1, barStart + Math.round(counted * barSpace / (float) most));
                segments.add(new Segment(end, y, next - end, row - 6, severityClass(s), e.getKey().title() + ", "
                        + s.name() + ": " + found.size() + (found.size() == 1 ? " finding" : " findings") + " on "
                        + targets(found)));
                end = next;
            }
            bars.add(new AreaBar(y, y + (row - 6) / 2 + 4, e.getKey().title(), counted, end + 6, segments));
            y += row;
        }
        return new AreaChart(barStart + barSpace + 50, y, barStart, bars);
    }

    /** The findings' targets, the first three by name, then how many more. */
    private static String targets(List<TrackedFinding> found) {
        List<String> targets = found.stream().map(i -> i.finding().target()).distinct().sorted().toList();
        String named = String.join(", ", targets.subList(0, Math.min(3, targets.size())));
        return targets.size() <= 3 ? named : named + " and " + (targets.size() - 3) + " more";
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
