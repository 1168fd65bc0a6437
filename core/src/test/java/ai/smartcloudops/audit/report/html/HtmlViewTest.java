package ai.smartcloudops.audit.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Counts;
import ai.smartcloudops.audit.report.ReportModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlViewTest {

    @Test
    void trendBarsAreProportionalToScoreAndClamped() {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        HtmlView.Trend trend = HtmlView.trend(List.of(
                new ReportModel.TrendPoint(1, t, 100, new Counts(Map.of())),
                new ReportModel.TrendPoint(2, t, 50, new Counts(Map.of())),
                new ReportModel.TrendPoint(3, t, 0, new Counts(Map.of())),
                new ReportModel.TrendPoint(4, t, 130, new Counts(Map.of()))), 3);
        assertThat(trend.bars()).extracting(HtmlView.Bar::height).containsExactly(120, 60, 0, 120);
        assertThat(trend.bars()).allSatisfy(b -> assertThat(b.y() + b.height()).isEqualTo(trend.baseline()));
        assertThat(trend.bars().get(0).x()).isLessThan(trend.bars().get(1).x());
        assertThat(trend.bars()).extracting(HtmlView.Bar::cssClass)
                .containsExactly("bar grade-a", "bar grade-d", "bar grade-f current", "bar grade-a");
        assertThat(trend.bars().get(3).x() + trend.bars().get(3).width()).isLessThan(trend.width());
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
