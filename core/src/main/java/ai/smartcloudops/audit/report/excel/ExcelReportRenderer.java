package ai.smartcloudops.audit.report.excel;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.maintenance.Gate;
import ai.smartcloudops.audit.maintenance.Verdict;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportRenderer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.GZIPSheetDataWriter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.DefaultIndexedColorMap;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.springframework.stereotype.Component;

/**
 * {@code report.xlsx}: Summary, one sheet per area, All findings, Coverage, Trend (with a native chart). Written
 * with POI's streaming workbook so a run with many thousands of findings stays within a small heap.
 *
 * <p>Every text goes through {@link ExcelText#safe(String)} and is written as a string cell; nothing is ever
 * written as a formula. Times are ISO-8601 in UTC.
 */
@Component
public class ExcelReportRenderer implements ReportRenderer {

    static final String SUMMARY = "Summary";
    static final String ALL_FINDINGS = "All findings";
    static final String COVERAGE = "Coverage";
    static final String TREND = "Trend";

    /** Finding columns: header and width in characters. */
    static final List<String> FINDING_COLUMNS = List.of("Severity", "State", "Code", "Area", "Target", "Kind",
            "Namespace", "Name", "Title", "Detail", "Evidence", "Remediation", "Fingerprint", "First seen", "Waiver",
            "Team", "Due", "Overdue");
    private static final int[] FINDING_WIDTHS = {9, 11, 11, 13, 20, 14, 16, 32, 50, 60, 40, 70, 20, 22, 40, 11, 22, 9};

    static final List<String> COVERAGE_COLUMNS = List.of("Check", "Target", "Status", "Duration (ms)", "Findings",
            "Reason");
    private static final int[] COVERAGE_WIDTHS = {32, 24, 10, 14, 10, 80};

    static final List<String> TREND_COLUMNS = List.of("Run", "Started at", "Score", "P0", "P1", "P2", "P3");
    private static final int[] TREND_WIDTHS = {10, 24, 8, 6, 6, 6, 6};

    /** Severity fills (RGB) and whether the text on them is white. */
    static final Map<Severity, String> SEVERITY_FILL = Map.of(
            Severity.P0, "8B0000", Severity.P1, "E53935", Severity.P2, "FFC107", Severity.P3, "BDD7EE");
    static final String MISSING_COVERAGE_FILL = "FFF2CC";

    @Override
    public String format() {
        return "xlsx";
    }

    @Override
    public String fileName() {
        return "report.xlsx";
    }

    @Override
    public void render(ReportModel model, Path file) throws IOException {
        // close() also deletes the streaming temp files (dispose() is deprecated in POI 5.5), on failure too
        try (SXSSFWorkbook workbook = new FastTempFilesWorkbook()) {
            Styles styles = new Styles(workbook);
            Set<String> used = new HashSet<>();
            List.of(SUMMARY, ALL_FINDINGS, COVERAGE, TREND).forEach(n -> used.add(n.toLowerCase(Locale.ROOT)));
            summary(workbook.createSheet(SUMMARY), model, styles);
            for (Map.Entry<Area, List<TrackedFinding>> area : model.byArea().entrySet()) {
                String name = unique(WorkbookUtil.createSafeSheetName(area.getKey().title()), used);
                findings(workbook.createSheet(name), area.getValue(), model.run().startedAt(), styles);
            }
            findings(workbook.createSheet(ALL_FINDINGS), model.findings(), model.run().startedAt(), styles);
            coverage(workbook.createSheet(COVERAGE), model.coverage(), styles);
            trend(workbook.createSheet(TREND), model.trend(), styles);
            trendChart(workbook.getXSSFWorkbook().getSheet(TREND), model.trend());
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }

    /** A sheet name not used yet (Excel compares them case-insensitively); the fixed names are reserved. */
    static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " (" + n + ")";
            candidate = name.substring(0, Math.min(name.length(), 31 - suffix.length())) + suffix;
        }
        return candidate;
    }

    private void summary(Sheet sheet, ReportModel model, Styles styles) {
        sheet.setColumnWidth(0, 26 * 256);
        sheet.setColumnWidth(1, 24 * 256);
        sheet.setColumnWidth(2, 12 * 256);
        sheet.setColumnWidth(3, 24 * 256);
        sheet.setColumnWidth(4, 30 * 256);
        sheet.setColumnWidth(5, 60 * 256);
        ReportModel.Run run = model.run();
        int r = 0;
        text(sheet.createRow(r++), 0, "Health audit: " + run.job() + " run " + run.id(), styles.title);
        r++;
        r = fact(sheet, r, "Run", run.id(), styles);
        r = fact(sheet, r, "Job", run.job(), styles);
        r = fact(sheet, r, "Trigger", run.trigger(), styles);
        r = fact(sheet, r, "Started at (UTC)", instant(run.startedAt()), styles);
        r = fact(sheet, r, "Finished at (UTC)", instant(run.finishedAt()), styles);
        r = fact(sheet, r, "Status", run.status().toString(), styles);
        r = fact(sheet, r, "Score", run.score(), styles);
        r = fact(sheet, r, "Grade", run.grade(), styles);
        if (model.previousScore() == null) {
            r = fact(sheet, r, "Previous score", "none (first run)", styles);
        } else {
            r = fact(sheet, r, "Previous score", model.previousScore(), styles);
            r = fact(sheet, r, "Change", model.scoreChange(), styles);
        }
        r = fact(sheet, r, "Findings", model.findings().size(), styles);
        r = fact(sheet, r, "Score formula", "100 - 25 per P0 - 10 per P1 - 3 per P2 - 1 per P3, at least 0",
                styles);
        r++;
        if (model.verdict() != null) {
            r = verdict(sheet, r, model.verdict(), styles);
        }

        header(sheet.createRow(r++), List.of("Severity", "Meaning", "Count"), styles);
        for (Map.Entry<Severity, Integer> e : model.counts().bySeverity().entrySet()) {
            Row row = sheet.createRow(r++);
            text(row, 0, e.getKey().name() + " " + e.getKey().label(), styles.severity.get(e.getKey()));
            text(row, 1, e.getKey().meaning(), styles.plain);
            number(row, 2, e.getValue(), styles.plain);
        }
        r++;
        header(sheet.createRow(r++), List.of("State", "Count"), styles);
        for (Map.Entry<FindingState, Integer> e : model.countsByState().entrySet()) {
            Row row = sheet.createRow(r++);
            text(row, 0, e.getKey().toString(), styles.plain);
            number(row, 1, e.getValue(), styles.plain);
        }
        r++;
        text(sheet.createRow(r++), 0, "Resolved since the last run", styles.bold);
        if (model.resolved().isEmpty()) {
            text(sheet.createRow(r), 0, "none", styles.plain);
            return;
        }
        header(sheet.createRow(r++), List.of("Code", "Severity", "Area", "Target", "Resource", "Title"), styles);
        for (TrackedFinding item : model.resolved()) {
            Finding f = item.finding();
            Row row = sheet.createRow(r++);
            text(row, 0, f.code().code(), styles.plain);
            text(row, 1, f.severity().name(), styles.severity.get(f.severity()));
            text(row, 2, f.area().title(), styles.plain);
            text(row, 3, f.target(), styles.plain);
            text(row, 4, f.resource().path(), styles.plain);
            text(row, 5, f.title(), styles.plain);
        }
    }

    /** A pre-maintenance run's GO / NO-GO and one row per gate, failing ones first and highlighted. */
    private int verdict(Sheet sheet, int r, Verdict verdict, Styles styles) {
        r = fact(sheet, r, "Pre-maintenance verdict", verdict.result(), styles);
        r = fact(sheet, r, "Maintenance window", verdict.window().toString(), styles);
        header(sheet.createRow(r), List.of("Gate", "Result", "Detail"), styles);
        sheet.addMergedRegion(new CellRangeAddress(r, r, 2, 5));
        r++;
        for (Gate gate : verdict.failingFirst()) {
            Row row = sheet.createRow(r);
            text(row, 0, gate.name(), gate.passed() ? styles.wrap : styles.missingWrap);
            text(row, 1, gate.result(), gate.passed() ? styles.plain : styles.missing);
            // a detail names resources: it gets the width of the summary's last four columns
            text(row, 2, gate.detail(), gate.passed() ? styles.wrap : styles.missingWrap);
            sheet.addMergedRegion(new CellRangeAddress(r, r, 2, 5));
            r++;
        }
        return r + 1;
    }

    private int fact(Sheet sheet, int r, String label, Object value, Styles styles) {
        Row row = sheet.createRow(r);
        text(row, 0, label, styles.bold);
        if (value instanceof Number n) {
            number(row, 1, n.doubleValue(), styles.left);
        } else {
            text(row, 1, value == null ? "" : value.toString(), styles.plain);
        }
        return r + 1;
    }

    /** @param asOf when the audit ran: a finding due before it is overdue */
    private void findings(Sheet sheet, List<TrackedFinding> items, Instant asOf, Styles styles) {
        table(sheet, FINDING_COLUMNS, FINDING_WIDTHS, styles);
        int r = 1;
        for (TrackedFinding item : items) {
            Finding f = item.finding();
            Row row = sheet.createRow(r++);
            int c = 0;
            text(row, c++, f.severity().name(), styles.severity.get(f.severity()));
            text(row, c++, Objects.toString(item.state(), null), styles.plain);
            text(row, c++, f.code().code(), styles.plain);
            text(row, c++, f.area().title(), styles.plain);
            text(row, c++, f.target(), styles.plain);
            text(row, c++, f.resource().kind(), styles.plain);
            text(row, c++, f.resource().namespace(), styles.plain);
            text(row, c++, f.resource().name(), styles.plain);
            text(row, c++, f.title(), styles.wrap);
            text(row, c++, f.detail(), styles.wrap);
            text(row, c++, evidence(f.evidence()), styles.wrap);
            text(row, c++, f.remediation(), styles.code);
            text(row, c++, f.fingerprint(), styles.plain);
            text(row, c++, instant(item.firstSeen()), styles.plain);
            text(row, c++, f.waiver(), styles.wrap);
            text(row, c++, f.code().team().id(), styles.plain);
            text(row, c++, instant(item.due()), styles.plain);
            text(row, c, item.overdue(asOf) ? "overdue" : null, item.overdue(asOf) ? styles.missing : styles.plain);
        }
        filter(sheet, r - 1, FINDING_COLUMNS.size());
    }

    private void coverage(Sheet sheet, List<Coverage> coverage, Styles styles) {
        table(sheet, COVERAGE_COLUMNS, COVERAGE_WIDTHS, styles);
        int r = 1;
        for (Coverage c : coverage) {
            boolean ran = c.ran();
            CellStyle style = ran ? styles.plain : styles.missing;
            Row row = sheet.createRow(r++);
            text(row, 0, c.check(), style);
            text(row, 1, c.target(), style);
            text(row, 2, c.status().toString(), style);
            number(row, 3, c.durationMs(), style);
            number(row, 4, c.findings(), style);
            text(row, 5, c.reason(), ran ? styles.wrap : styles.missingWrap);
        }
        filter(sheet, r - 1, COVERAGE_COLUMNS.size());
    }

    private void trend(Sheet sheet, List<ReportModel.TrendPoint> trend, Styles styles) {
        table(sheet, TREND_COLUMNS, TREND_WIDTHS, styles);
        int r = 1;
        for (ReportModel.TrendPoint p : trend) {
            Row row = sheet.createRow(r++);
            number(row, 0, p.runId(), styles.left);
            text(row, 1, instant(p.startedAt()), styles.plain);
            number(row, 2, p.score(), styles.plain);
            int c = 3;
            for (Severity s : Severity.values()) {
                number(row, c++, p.counts().get(s), styles.plain);
            }
        }
        filter(sheet, r - 1, TREND_COLUMNS.size());
    }

    /**
     * A native chart right of the Trend table: the score as a line on the left axis (0 to 100), each run's P0, P1
     * and P2 as columns on the right axis. SXSSF's drawing makes no charts, so it is drawn on the streamed
     * sheet's XSSF twin; the series refer to the table's cells and cache their values, since streamed rows cannot be
     * read back.
     */
    private static void trendChart(XSSFSheet sheet, List<ReportModel.TrendPoint> trend) {
        if (trend.isEmpty()) {
            return;
        }
        int col = TREND_COLUMNS.size() + 1;
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, col, 1, col + 12, 22));
        chart.setTitleText("Score and P0, P1, P2 findings per run");
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryDataSource runs = XDDFDataSourcesFactory.fromArray(
                trend.stream().map(p -> String.valueOf(p.runId())).toArray(String[]::new), column(sheet, trend, 0));

        XDDFCategoryAxis runAxis = chart.createCategoryAxis(AxisPosition.BOTTOM);
        runAxis.setTitle("Run");
        XDDFValueAxis scoreAxis = chart.createValueAxis(AxisPosition.LEFT);
        scoreAxis.setTitle("Score");
        scoreAxis.setMinimum(0);
        scoreAxis.setMaximum(100);
        scoreAxis.setCrossBetween(AxisCrossBetween.BETWEEN);
        runAxis.crossAxis(scoreAxis);
        scoreAxis.crossAxis(runAxis);
        XDDFLineChartData line = (XDDFLineChartData) chart.createData(ChartTypes.LINE, runAxis, scoreAxis);
        XDDFLineChartData.Series score = (XDDFLineChartData.Series) line.addSeries(runs, XDDFDataSourcesFactory
                .fromArray(trend.stream().map(ReportModel.TrendPoint::score).toArray(Integer[]::new),
                        column(sheet, trend, 2)));
        score.setTitle(TREND_COLUMNS.get(2), new CellReference(TREND, 0, 2, true, true));
        score.setMarkerStyle(MarkerStyle.CIRCLE);
        score.setSmooth(false);
        score.setLineProperties(new XDDFLineProperties(new XDDFSolidFillProperties(chartColor("1F2933"))));

        // the counts' own category axis, hidden: the columns share the runs of the line's
        XDDFCategoryAxis countRuns = chart.createCategoryAxis(AxisPosition.BOTTOM);
        countRuns.setVisible(false);
        XDDFValueAxis countAxis = chart.createValueAxis(AxisPosition.RIGHT);
        countAxis.setTitle("Findings");
        countAxis.setMinimum(0);
        countAxis.setCrosses(AxisCrosses.MAX);
        countRuns.crossAxis(countAxis);
        countAxis.crossAxis(countRuns);
        XDDFBarChartData columns = (XDDFBarChartData) chart.createData(ChartTypes.BAR, countRuns, countAxis);
        columns.setBarDirection(BarDirection.COL);
        // side by side: stacked columns need an overlap of 100, whose type poi-ooxml-lite does not ship
        columns.setBarGrouping(BarGrouping.CLUSTERED);
        for (Severity s : ReportModel.TrendPoint.CHARTED) {
            int c = 3 + s.ordinal();
            XDDFChartData.Series series = columns.addSeries(runs, XDDFDataSourcesFactory.fromArray(
                    trend.stream().map(p -> p.counts().get(s)).toArray(Integer[]::new), column(sheet, trend, c)));
            series.setTitle(s.name(), new CellReference(TREND, 0, c, true, true));
            series.setFillProperties(new XDDFSolidFillProperties(chartColor(SEVERITY_FILL.get(s))));
        }
        chart.plot(line);
        chart.plot(columns);
    }

    /** {@code 'Trend'!$C$2:$C$31}: the trend's rows of one column. */
    private static String column(XSSFSheet sheet, List<ReportModel.TrendPoint> trend, int c) {
        return new CellRangeAddress(1, trend.size(), c, c).formatAsString(sheet.getSheetName(), true);
    }

    private static XDDFColor chartColor(String rgb) {
        return XDDFColor.from(HexFormat.of().parseHex(rgb));
    }

    /** Header row, column widths and the frozen first row. */
    private void table(Sheet sheet, List<String> columns, int[] widths, Styles styles) {
        header(sheet.createRow(0), columns, styles);
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    private void header(Row row, List<String> columns, Styles styles) {
        for (int i = 0; i < columns.size(); i++) {
            text(row, i, columns.get(i), styles.header);
        }
    }

    private static void filter(Sheet sheet, int lastRow, int columns) {
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(lastRow, 0), 0, columns - 1));
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(ExcelText.safe(value));
        cell.setCellStyle(style);
    }

    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** One key=value per line, in the finding's order. */
    static String evidence(Map<String, String> evidence) {
        return evidence.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static String instant(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /**
     * A streaming workbook of {@value #WINDOW} rows in memory whose other rows wait for the final zip in gzipped
     * temp files, so a pod's disk holds a fraction of the sheets' XML. They are gzipped at the fastest level:
     * at 100,000 findings POI's default level cost about 3 s of CPU on these transient files, the fastest one
     * under 1 s.
     */
    private static final class FastTempFilesWorkbook extends SXSSFWorkbook {

        private static final int WINDOW = 200;

        FastTempFilesWorkbook() {
            super(WINDOW);
            setCompressTempFiles(true);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return new GZIPSheetDataWriter() {
                @Override
                protected OutputStream decorateOutputStream(FileOutputStream out) throws IOException {
                    return new GZIPOutputStream(out, 64 * 1024) {
                        {
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    };
                }
            };
        }
    }

    /** The workbook's styles, created once (a workbook holds at most 64,000 of them). */
    private static final class Styles {
        final CellStyle plain;
        final CellStyle left;
        final CellStyle wrap;
        final CellStyle code;
        final CellStyle bold;
        final CellStyle title;
        final CellStyle header;
        final CellStyle missing;
        final CellStyle missingWrap;
        final Map<Severity, CellStyle> severity = new EnumMap<>(Severity.class);

        Styles(SXSSFWorkbook workbook) {
            plain = workbook.createCellStyle();
            plain.setVerticalAlignment(VerticalAlignment.TOP);

            left = workbook.createCellStyle();
            left.cloneStyleFrom(plain);
            left.setAlignment(HorizontalAlignment.LEFT);

            wrap = workbook.createCellStyle();
            wrap.cloneStyleFrom(plain);
            wrap.setWrapText(true);

            XSSFFont mono = (XSSFFont) workbook.createFont();
            mono.setFontName("Consolas");
            mono.setFontHeightInPoints((short) 10);
            code = workbook.createCellStyle();
            code.cloneStyleFrom(wrap);
            code.setFont(mono);

            XSSFFont boldFont = (XSSFFont) workbook.createFont();
            boldFont.setBold(true);
            bold = workbook.createCellStyle();
            bold.cloneStyleFrom(plain);
            bold.setFont(boldFont);

            XSSFFont titleFont = (XSSFFont) workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(titleFont);

            header = workbook.createCellStyle();
            header.cloneStyleFrom(bold);
            fill(header, "D9E1F2");
            header.setBorderBottom(BorderStyle.THIN);

            missing = workbook.createCellStyle();
            missing.cloneStyleFrom(plain);
            fill(missing, MISSING_COVERAGE_FILL);
            missingWrap = workbook.createCellStyle();
            missingWrap.cloneStyleFrom(missing);
            missingWrap.setWrapText(true);

            for (Severity s : Severity.values()) {
                XSSFFont font = (XSSFFont) workbook.createFont();
                font.setBold(true);
                boolean dark = s == Severity.P0 || s == Severity.P1;
                font.setColor(color(dark ? "FFFFFF" : "000000"));
                CellStyle style = workbook.createCellStyle();
                style.cloneStyleFrom(plain);
                style.setFont(font);
                fill(style, SEVERITY_FILL.get(s));
                severity.put(s, style);
            }
        }

        private static void fill(CellStyle style, String rgb) {
            ((XSSFCellStyle) style).setFillForegroundColor(color(rgb));
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }

        private static XSSFColor color(String rgb) {
            byte[] bytes = HexFormat.of().parseHex(rgb);
            return new XSSFColor(bytes, new DefaultIndexedColorMap());
        }
    }
}
