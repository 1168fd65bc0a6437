package ai.smartcloudops.audit.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Counts;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.report.ReportFixtures;
import ai.smartcloudops.audit.report.ReportModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlViewTest {

    /** Score on the left axis (0..100, clamped), P0+P1+P2 stacked on the right axis up to a round top. */
    @Test
    void trendPlacesScoresAndStacksUrgentCountsOnTheirAxes() {
        Instant t = Instant.parse("2025-01-01T02:00:00Z");
        HtmlView.TrendChart chart = HtmlView.trend(List.of(
                new ReportModel.TrendPoint(1, t, 100, new Counts(Map.of(Severity.P3, 40))),
                new ReportModel.TrendPoint(2, t, 50, new Counts(Map.of(Severity.P0, 1, Severity.P1, 2, Severity.P2, 1))),
                new ReportModel.TrendPoint(3, t, 0, new Counts(Map.of(Severity.P2, 3))),
                new ReportModel.TrendPoint(4, t.plusSeconds(86_400), 130, new Counts(Map.of()))), 3, "Trend");

        int plot = chart.baseline() - 8;
        assertThat(chart.runs()).extracting(HtmlView.RunMark::scoreY)
                .containsExactly(8, chart.baseline() - plot / 2, chart.baseline(), 8);
        assertThat(chart.countTicks()).extracting(HtmlView.Tick::label).containsExactly("0", "5");
        // run 2: P0 1, P1 2, P2 1 of a top of 5, stacked upwards from the baseline, touching
        List<HtmlView.Segment> column = chart.runs().get(1).counts();
        assertThat(column).extracting(HtmlView.Segment::cssClass).containsExactly("sev-p0", "sev-p1", "sev-p2");
        assertThat(column.get(0).y() + column.get(0).height()).isEqualTo(chart.baseline());
        assertThat(column.get(1).y() + column.get(1).height()).isEqualTo(column.get(0).y());
        assertThat(column.get(2).y()).isEqualTo(chart.baseline() - Math.round(4 * plot / 5f));
        assertThat(chart.runs().get(0).counts()).as("P3 is not charted").isEmpty();
        assertThat(chart.runs()).extracting(HtmlView.RunMark::x).isSorted().allSatisfy(x ->
                assertThat(x).isBetween(chart.left(), chart.right()));
        assertThat(chart.runs()).extracting(HtmlView.RunMark::current).containsExactly(false, false, true, false);
        assertThat(chart.scoreLine().split(" ")).hasSize(4);
        assertThat(chart.runs().get(1).tooltip())
                .isEqualTo("run 2, 2025-01-01 02:00:00 UTC: score 50, 1 P0, 2 P1, 1 P2");
        assertThat(chart.runs()).extracting(HtmlView.RunMark::label).containsExactly("01-01", "01-01", "01-01",
                "01-02");
    }

    /** 30 runs stay legible: five dates on the x axis, the latest run's among them. */
    @Test
    void thirtyRunsGetFiveLabelsEndingWithTheLatest() {
        Instant t = Instant.parse("2025-01-01T02:00:00Z");
        List<ReportModel.TrendPoint> points = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            points.add(new ReportModel.TrendPoint(i + 1, t.plusSeconds(i * 86_400L), 90, new Counts(Map.of())));
        }
        HtmlView.TrendChart chart = HtmlView.trend(points, 30, "Trend");
        assertThat(chart.runs()).extracting(HtmlView.RunMark::label).filteredOn(l -> !l.isEmpty())
                .containsExactly("01-06", "01-12", "01-18", "01-24", "01-30");
        assertThat(chart.countTicks()).extracting(HtmlView.Tick::label).containsExactly("0", "1");
    }

    @Test
    void aSingleRunIsOnePointInTheMiddleAndNoRunIsNoChart() {
        List<ReportModel.TrendPoint> one = List.of(new ReportModel.TrendPoint(7, null, 61,
                new Counts(Map.of(Severity.P1, 2))));
        HtmlView.TrendChart chart = HtmlView.trend(one, 7, "Trend");
        assertThat(chart.runs()).singleElement().satisfies(m -> {
            assertThat(m.x()).isEqualTo((chart.left() + chart.right()) / 2);
            assertThat(m.label()).isEqualTo("#7");
            assertThat(m.counts()).singleElement().satisfies(c -> assertThat(c.height())
                    .isEqualTo(chart.baseline() - 8));
        });
        assertThat(new ReportModel(ReportFixtures.empty().run(), List.of(), List.of(), List.of(), null, one)
                .trendTitle()).isEqualTo("Score and P0, P1, P2 findings of the last 1 run of hourly");
        assertThat(HtmlView.trend(List.of(), 7, "Trend")).isNull();
    }

    @Test
    void countAxisTopsAreRound() {
        assertThat(List.of(0, 1, 2, 3, 5, 6, 11, 20, 21, 999, 1001).stream().map(HtmlView::niceCeiling))
                .containsExactly(1, 1, 2, 5, 5, 10, 20, 20, 50, 1000, 2000);
    }

    /** Each area's bar is its findings by severity, P0 left, scaled to the largest area; one finding stays visible. */
    @Test
    void areaBarsStackSeveritiesAndScaleToTheLargestArea() {
        Map<Area, List<TrackedFinding>> areas = new LinkedHashMap<>();
        List<TrackedFinding> many = new ArrayList<>();
        many.add(found(KubernetesCode.K8S_101, Severity.P0, "prod-eks"));
        for (int i = 0; i < 999; i++) {
            many.add(found(KubernetesCode.K8S_201, Severity.P3, "cluster-" + (i % 5)));
        }
        areas.put(Area.KUBERNETES, many);
        areas.put(Area.POSTGRES, List.of(found(PostgresCode.PG_201, Severity.P1, "orders-db")));

        HtmlView.AreaChart chart = HtmlView.byArea(areas);

        assertThat(chart.bars()).extracting(HtmlView.AreaBar::area, HtmlView.AreaBar::total)
                .containsExactly(tuple("Kubernetes", 1000), tuple("PostgreSQL", 1));
        HtmlView.AreaBar kubernetes = chart.bars().get(0);
        assertThat(kubernetes.segments()).extracting(HtmlView.Segment::cssClass, HtmlView.Segment::width)
                .containsExactly(tuple("sev-p0", 1), tuple("sev-p3", 399));
        assertThat(kubernetes.segments().get(0).x()).isEqualTo(chart.barStart());
        assertThat(kubernetes.segments().get(1).tooltip())
                .isEqualTo("Kubernetes, P3: 999 findings on cluster-0, cluster-1, cluster-2 and 2 more");
        assertThat(chart.bars().get(1).segments()).singleElement().satisfies(s -> {
            assertThat(s.width()).isEqualTo(1);
            assertThat(s.tooltip()).isEqualTo("PostgreSQL, P1: 1 finding on orders-db");
        });
        assertThat(chart.bars().get(1).y()).isGreaterThan(kubernetes.y());
        assertThat(chart.height()).isGreaterThan(chart.bars().get(1).y() + kubernetes.segments().get(0).height());
        assertThat(HtmlView.byArea(Map.of())).isNull();
    }

    private static TrackedFinding found(FindingCode code, Severity severity, String target) {
        return new TrackedFinding(Finding.of(code, target, Resource.of("Node", "n1")).severity(severity).title("t")
                .checkId("c").build(), FindingState.NEW, Instant.EPOCH);
    }

    @Test
    void durationsAndTimes() {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(HtmlView.duration(start, start.plusSeconds(42))).isEqualTo("42s");
        assertThat(HtmlView.duration(start, start.plusSeconds(3 * 3600 + 61))).isEqualTo("3h 1m");
        assertThat(HtmlView.duration(start, null)).isEmpty();
        assertThat(HtmlView.duration(start, start.minusSeconds(1))).isEmpty();
        assertThat(HtmlView.time(start)).isEqualTo("2025-01-01 00:00:00 UTC");
    }
}
