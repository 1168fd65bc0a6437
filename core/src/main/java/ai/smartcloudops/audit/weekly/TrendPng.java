package ai.smartcloudops.audit.weekly;

import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.report.ReportModel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.springframework.stereotype.Component;

/**
 * The weekly email's trend chart as a PNG, since mail clients drop SVG: report.html's trend drawn by JFreeChart, the
 * score as a line on the left axis (0 to 100) over each run's P0, P1 and P2 findings stacked on the right axis, one
 * run per category, oldest left. Drawn into an image, never on a screen: Spring Boot runs the JVM headless.
 */
@Component
public class TrendPng {

    /** Bounded, whatever the trend holds: about the width of the email's tables. */
    static final int WIDTH = 640;
    static final int HEIGHT = 240;

    private static final Color INK = Color.decode("#1f2933");
    private static final Color LINE = Color.decode("#d9dee3");

    /**
     * The PNG of a trend of at least one run. AWT throws, an Error as often as an exception, where it cannot draw
     * text (a machine without fonts); the caller decides what the email does without the picture.
     */
    public byte[] render(List<ReportModel.TrendPoint> trend) throws IOException {
        DefaultCategoryDataset scores = new DefaultCategoryDataset();
        DefaultCategoryDataset counts = new DefaultCategoryDataset();
        List<Severity> charted = ReportModel.TrendPoint.CHARTED;
        for (ReportModel.TrendPoint p : trend) {
            String run = String.valueOf(p.runId());
            scores.addValue(p.score(), "Score", run);
            for (Severity s : charted) {
                counts.addValue(p.counts().get(s), s.name(), run);
            }
        }
        CategoryAxis runs = new CategoryAxis("Run");
        runs.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis score = new NumberAxis("Score");
        score.setRange(0, 100);
        NumberAxis findings = new NumberAxis("P0, P1, P2 findings");
        findings.setStandardTickUnits(NumberAxis.createIntegerTickUnits());

        LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, INK);
        line.setSeriesStroke(0, new BasicStroke(2f));
        StackedBarRenderer columns = new StackedBarRenderer();
        columns.setBarPainter(new StandardBarPainter());
        columns.setShadowVisible(false);
        columns.setMaximumBarWidth(0.05);
        for (int i = 0; i < charted.size(); i++) {
            columns.setSeriesPaint(i, Color.decode(WeeklyEmail.color(charted.get(i))));
        }

        // dataset 0, the score, is drawn last: its line lies over the columns
        CategoryPlot plot = new CategoryPlot(scores, runs, score, line);
        plot.setDataset(1, counts);
        plot.setRenderer(1, columns);
        plot.setRangeAxis(1, findings);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(LINE);
        plot.setOutlineVisible(false);

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
        return png.toByteArray();
    }
}
