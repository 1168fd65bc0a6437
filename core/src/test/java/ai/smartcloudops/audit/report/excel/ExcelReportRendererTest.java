package ai.smartcloudops.audit.report.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.report.ReportFixtures;
import ai.smartcloudops.audit.report.ReportModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelReportRendererTest {

    private static final List<String> FINDING_HEADERS = List.of("Severity", "State", "Code", "Area", "Target",
            "Kind", "Namespace", "Name", "Title", "Detail", "Evidence", "Remediation", "Fingerprint", "First seen",
            "Waiver", "Team", "Due", "Overdue");

    @TempDir
    Path dir;

    private final ExcelReportRenderer renderer = new ExcelReportRenderer();
    private XSSFWorkbook workbook;

    @BeforeEach
    void render() throws IOException {
        workbook = renderAndOpen(ReportFixtures.model(), "report.xlsx");
    }

    @AfterEach
    void close() throws IOException {
        workbook.close();
    }

    @Test
    void formatAndFileName() {
        assertThat(renderer.format()).isEqualTo("xlsx");
        assertThat(renderer.fileName()).isEqualTo("report.xlsx");
    }

    @Test
    void sheetsAreSummaryAreasAllFindingsCoverageTrend() {
        assertThat(sheetNames(workbook))
                .containsExactly("Summary", "Kubernetes", "PostgreSQL", "All findings", "Coverage", "Trend");
    }

    @Test
    void findingSheetsHaveHeaderFrozenFirstRowAndAutofilter() {
        for (String name : List.of("All findings", "Kubernetes", "PostgreSQL")) {
            XSSFSheet sheet = workbook.getSheet(name);
            assertThat(texts(sheet.getRow(0))).as(name).containsExactlyElementsOf(FINDING_HEADERS);
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane).as(name).isNotNull();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
            assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).isNotZero();
            assertThat(workbook.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
                    .isTrue();
        }
        assertThat(autoFilter(workbook.getSheet("All findings"))).isEqualTo("A1:R5");
        assertThat(autoFilter(workbook.getSheet("Kubernetes"))).isEqualTo("A1:R3");
        assertThat(autoFilter(workbook.getSheet("Coverage"))).isEqualTo("A1:F5");
        assertThat(autoFilter(workbook.getSheet("Trend"))).isEqualTo("A1:G4");
    }

    @Test
    void everyFindingHasItsTeamAndDueTimeAndTheOverdueOnesAreMarked() {
        Sheet sheet = workbook.getSheet("All findings");
        assertThat(column(sheet, "Team")).containsExactly("platform", "platform", "database", "database");
        assertThat(column(sheet, "Due")).containsExactly("2025-03-14T02:15:00Z", "", "2025-03-13T06:00:00Z", "");
        assertThat(column(sheet, "Overdue")).containsExactly("", "", "overdue", "");
    }

    @Test
    void allFindingsListsEveryFindingMostSevereFirst() {
        Sheet sheet = workbook.getSheet("All findings");
        assertThat(column(sheet, "Code")).containsExactly("K8S-101", "K8S-201", "PG-201", "PG-301");
        assertThat(column(sheet, "Severity")).containsExactly("P0", "P1", "P2", "P3");
        assertThat(column(sheet, "State")).containsExactly("new", "persisting", "regressed", "persisting");
        assertThat(column(sheet, "Area")).containsExactly("Kubernetes", "Kubernetes", "PostgreSQL", "PostgreSQL");
        assertThat(column(sheet, "Namespace")).containsExactly("", "payments", "public", "public");
        assertThat(column(sheet, "First seen")).first().isEqualTo("2025-03-14T02:00:00Z");
        assertThat(column(sheet, "Evidence")).first().isEqualTo("status=False\nsince=2025-03-14T01:10:00Z");
        assertThat(column(workbook.getSheet("Kubernetes"), "Code")).containsExactly("K8S-101", "K8S-201");
        assertThat(column(workbook.getSheet("PostgreSQL"), "Code")).containsExactly("PG-201", "PG-301");
    }

    @Test
    void severityCellsAreFilled() {
        Sheet sheet = workbook.getSheet("All findings");
        XSSFCellStyle p0 = (XSSFCellStyle) sheet.getRow(1).getCell(0).getCellStyle();
        assertThat(p0.getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
        assertThat(rgb(p0.getFillForegroundColorColor())).isEqualTo("8B0000");
        assertThat(rgb(p0.getFont().getXSSFColor())).isEqualTo("FFFFFF");
        assertThat(rgb(((XSSFCellStyle) sheet.getRow(2).getCell(0).getCellStyle()).getFillForegroundColorColor()))
                .isEqualTo("E53935");
        assertThat(rgb(((XSSFCellStyle) sheet.getRow(3).getCell(0).getCellStyle()).getFillForegroundColorColor()))
                .isEqualTo("FFC107");
        assertThat(rgb(((XSSFCellStyle) sheet.getRow(4).getCell(0).getCellStyle()).getFillForegroundColorColor()))
                .isEqualTo("BDD7EE");
    }

    @Test
    void remediationIsWrappedAndColumnsHaveWidths() {
        Sheet sheet = workbook.getSheet("All findings");
        int remediation = FINDING_HEADERS.indexOf("Remediation");
        assertThat(sheet.getRow(1).getCell(remediation).getCellStyle().getWrapText()).isTrue();
        assertThat(sheet.getColumnWidth(remediation)).isGreaterThanOrEqualTo(60 * 256);
        assertThat(sheet.getColumnWidth(FINDING_HEADERS.indexOf("Title"))).isGreaterThanOrEqualTo(40 * 256);
        assertThat(sheet.getColumnWidth(FINDING_HEADERS.indexOf("Severity"))).isLessThan(15 * 256);
    }

    @Test
    void injectedValuesAreStoredAsQuotedStrings() {
        Sheet sheet = workbook.getSheet("All findings");
        Row locks = rowWithCode(sheet, "PG-201");
        Cell name = locks.getCell(FINDING_HEADERS.indexOf("Name"));
        assertThat(name.getCellType()).isEqualTo(CellType.STRING);
        assertThat(name.getStringCellValue()).isEqualTo("'" + ReportFixtures.HOSTILE_NAME);
        Cell remediation = locks.getCell(FINDING_HEADERS.indexOf("Remediation"));
        assertThat(remediation.getCellType()).isEqualTo(CellType.STRING);
        assertThat(remediation.getStringCellValue()).isEqualTo("'" + ReportFixtures.HOSTILE_REMEDIATION);
        // the evidence cell starts with its key, so the hostile value sits inside a plain text cell
        Cell evidence = locks.getCell(FINDING_HEADERS.indexOf("Evidence"));
        assertThat(evidence.getCellType()).isEqualTo(CellType.STRING);
        assertThat(evidence.getStringCellValue()).isEqualTo("query=" + ReportFixtures.HOSTILE_EVIDENCE + "\nwaiting=7");
        Row restarts = rowWithCode(sheet, "K8S-201");
        assertThat(restarts.getCell(FINDING_HEADERS.indexOf("Title")).getStringCellValue())
                .isEqualTo(ReportFixtures.HOSTILE_TITLE);
    }

    @Test
    void hostileEvidenceValueAtTheStartOfACellIsQuoted() throws IOException {
        ReportModel base = ReportFixtures.model();
        Finding hostile = Finding.of(PostgresCode.PG_202, "orders-db", new Resource("Table", "public", "t"))
                .severity(Severity.P2).title(ReportFixtures.HOSTILE_EVIDENCE).detail("@SUM(1+1)")
                .evidence(Map.of(ReportFixtures.HOSTILE_EVIDENCE, "x")).remediation("+x").checkId("postgres.locks")
                .build();
        List<TrackedFinding> items = new ArrayList<>(base.findings());
        items.add(new TrackedFinding(hostile, FindingState.NEW, ReportFixtures.STARTED));
        ReportModel model = new ReportModel(base.run(), items, base.resolved(), base.coverage(),
                base.previousScore(), base.trend());
        try (XSSFWorkbook wb = renderAndOpen(model, "hostile.xlsx")) {
            Row row = rowWithCode(wb.getSheet("All findings"), "PG-202");
            assertThat(row.getCell(FINDING_HEADERS.indexOf("Title")).getStringCellValue())
                    .isEqualTo("'" + ReportFixtures.HOSTILE_EVIDENCE);
            assertThat(row.getCell(FINDING_HEADERS.indexOf("Detail")).getStringCellValue()).isEqualTo("'@SUM(1+1)");
            assertThat(row.getCell(FINDING_HEADERS.indexOf("Evidence")).getStringCellValue())
                    .isEqualTo("'" + ReportFixtures.HOSTILE_EVIDENCE + "=x");
            assertNoFormulaAnywhere(wb);
        }
    }

    @Test
    void aPreMaintenanceSummaryHasTheVerdictAndItsGatesFailingFirstAndNoFormula() throws IOException {
        try (XSSFWorkbook book = renderAndOpen(ReportFixtures.preMaintenance(), "pre-maintenance.xlsx")) {
            assertThat(lines(book.getSheet("Summary"))).containsSubsequence(
                    "Pre-maintenance verdict|NO-GO", "Maintenance window|2025-03-15T22:00:00Z/PT4H",
                    "Gate|Result|Detail",
                    // quote-prefixed: shown as text, never evaluated
                    ReportFixtures.HOSTILE_TITLE + "|FAIL|'" + ReportFixtures.HOSTILE_EVIDENCE,
                    "no node NotReady|PASS|checked on prod-eks");
            assertNoFormulaAnywhere(book);
        }
        assertThat(lines(workbook.getSheet("Summary"))).noneMatch(line -> line.startsWith("Pre-maintenance"));
    }

    /** Each row's non-empty cells as shown, joined with "|". */
    private static List<String> lines(Sheet sheet) {
        DataFormatter shown = new DataFormatter();
        List<String> lines = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> {
                String text = shown.formatCellValue(cell);
                if (!text.isEmpty()) {
                    cells.add(text);
                }
            });
            lines.add(String.join("|", cells));
        }
        return lines;
    }

    @Test
    void noCellIsAFormulaAndNoTextStartsLikeOne() {
        assertNoFormulaAnywhere(workbook);
    }

    @Test
    void coverageHighlightsRowsThatDidNotRun() {
        Sheet sheet = workbook.getSheet("Coverage");
        assertThat(texts(sheet.getRow(0)))
                .containsExactly("Check", "Target", "Status", "Duration (ms)", "Findings", "Reason");
        Row error = sheet.getRow(4);
        assertThat(error.getCell(0).getStringCellValue()).isEqualTo("postgres.replication");
        assertThat(error.getCell(2).getStringCellValue()).isEqualTo("error");
        assertThat(error.getCell(3).getNumericCellValue()).isEqualTo(3001);
        assertThat(error.getCell(5).getStringCellValue()).isEqualTo(ReportFixtures.COVERAGE_ERROR_REASON);
        XSSFCellStyle missing = (XSSFCellStyle) error.getCell(2).getCellStyle();
        assertThat(missing.getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
        assertThat(rgb(missing.getFillForegroundColorColor())).isEqualTo("FFF2CC");
        XSSFCellStyle ran = (XSSFCellStyle) sheet.getRow(1).getCell(2).getCellStyle();
        assertThat(ran.getFillPattern()).isEqualTo(FillPatternType.NO_FILL);
    }

    @Test
    void trendHasOneRowPerRunOldestFirst() {
        Sheet sheet = workbook.getSheet("Trend");
        assertThat(texts(sheet.getRow(0))).containsExactly("Run", "Started at", "Score", "P0", "P1", "P2", "P3");
        assertThat(sheet.getLastRowNum()).isEqualTo(3);
        assertThat(Stream.of(1, 2, 3).map(r -> sheet.getRow(r).getCell(2).getNumericCellValue()))
                .containsExactly(83.0, 86.0, 61.0);
        assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(1.0);
        assertThat(sheet.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(0.0);
    }

    /**
     * The Trend sheet's native chart: the score's line on one axis, P0, P1 and P2 columns on the other, one point per
     * run, each series naming its column and caching its values.
     */
    @Test
    void trendSheetHasANativeChartOfTheScoreAndTheUrgentCounts() {
        XSSFSheet sheet = workbook.getSheet("Trend");
        assertThat(sheet.getDrawingPatriarch().getCharts()).singleElement().satisfies(chart -> {
            assertThat(chart.getTitleText().getString()).isEqualTo("Score and P0, P1, P2 findings per run");
            List<XDDFChartData> data = chart.getChartSeries();
            assertThat(data).extracting(d -> d.getClass().getSimpleName())
                    .containsExactly("XDDFBarChartData", "XDDFLineChartData");
            XDDFBarChartData columns = (XDDFBarChartData) data.get(0);
            assertThat(columns.getBarGrouping()).isEqualTo(BarGrouping.CLUSTERED);
            assertThat(columns.getSeriesCount()).isEqualTo(3);
            assertThat(data.get(1).getSeriesCount()).isEqualTo(1);
            assertThat(Stream.of(columns.getSeries(0), columns.getSeries(1), columns.getSeries(2),
                    data.get(1).getSeries(0))).extracting(s -> s.getValuesData().getDataRangeReference(),
                    s -> s.getValuesData().getPointCount(), ExcelReportRendererTest::points).containsExactly(
                    tuple("Trend!$D$2:$D$4", 3, List.of(0.0, 0.0, 1.0)),
                    tuple("Trend!$E$2:$E$4", 3, List.of(1.0, 1.0, 1.0)),
                    tuple("Trend!$F$2:$F$4", 3, List.of(2.0, 1.0, 1.0)),
                    tuple("Trend!$C$2:$C$4", 3, List.of(83.0, 86.0, 61.0)));
            assertThat(data.get(1).getSeries(0).getCategoryData().getDataRangeReference()).isEqualTo("Trend!$A$2:$A$4");
        });
    }

    @Test
    void aRunWithoutTrendHasNoChart() throws IOException {
        try (XSSFWorkbook wb = renderAndOpen(ReportFixtures.empty(), "empty.xlsx")) {
            assertThat(wb.getSheet("Trend").getDrawingPatriarch()).isNull();
        }
    }

    private static List<Double> points(XDDFChartData.Series series) {
        XDDFNumericalDataSource<? extends Number> values = series.getValuesData();
        return IntStream.range(0, values.getPointCount()).mapToObj(i -> values.getPointAt(i).doubleValue()).toList();
    }

    @Test
    void summaryHasRunFactsScoreAndCounts() {
        Sheet sheet = workbook.getSheet("Summary");
        assertThat(value(sheet, "Job")).isEqualTo("nightly");
        assertThat(value(sheet, "Status")).isEqualTo("COMPLETED");
        assertThat(value(sheet, "Score")).isEqualTo("61");
        assertThat(value(sheet, "Grade")).isEqualTo("C");
        assertThat(value(sheet, "Previous score")).isEqualTo("86");
        assertThat(value(sheet, "Change")).isEqualTo("-25");
        for (String severity : List.of("P0 Critical", "P1 High", "P2 Medium", "P3 Low")) {
            assertThat(value(sheet, severity, 2)).as(severity).isEqualTo("1");
        }
        assertThat(value(sheet, "new")).isEqualTo("1");
        assertThat(value(sheet, "persisting")).isEqualTo("2");
        assertThat(value(sheet, "regressed")).isEqualTo("1");
        assertThat(value(sheet, "resolved")).isEqualTo("1");
        assertThat(value(sheet, "K8S-202", 4)).isEqualTo("Pod/checkout/worker-5c6d-abcde");
    }

    @Test
    void emptyRunHasNoAreaSheets() throws IOException {
        try (XSSFWorkbook wb = renderAndOpen(ReportFixtures.empty(), "empty.xlsx")) {
            assertThat(sheetNames(wb)).containsExactly("Summary", "All findings", "Coverage", "Trend");
            assertThat(value(wb.getSheet("Summary"), "Previous score")).isEqualTo("none (first run)");
            assertThat(wb.getSheet("All findings").getLastRowNum()).isZero();
        }
    }

    @Test
    void areaSheetNamesNeverCollideWithTheFixedSheets() {
        Set<String> used = new HashSet<>(Set.of("summary", "all findings", "coverage", "trend"));

        assertThat(ExcelReportRenderer.unique("Coverage", used)).isEqualTo("Coverage (2)");
        assertThat(ExcelReportRenderer.unique("coverage", used)).isEqualTo("coverage (3)");
        assertThat(ExcelReportRenderer.unique("Kubernetes", used)).isEqualTo("Kubernetes");
    }

    @Test
    void streamingTempFilesAreRemoved() throws IOException {
        Path poiTemp = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        long before = sxssfTempFiles(poiTemp);
        renderer.render(ReportFixtures.model(), dir.resolve("again.xlsx"));
        assertThat(sxssfTempFiles(poiTemp)).isEqualTo(before);
        assertThatThrownBy(() -> renderer.render(ReportFixtures.model(), dir.resolve("missing").resolve("x.xlsx")))
                .isInstanceOf(IOException.class);
        assertThat(sxssfTempFiles(poiTemp)).as("also when writing fails").isEqualTo(before);
    }

    private XSSFWorkbook renderAndOpen(ReportModel model, String name) throws IOException {
        Path file = dir.resolve(name);
        renderer.render(model, file);
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    private static long sxssfTempFiles(Path poiTemp) throws IOException {
        if (!Files.isDirectory(poiTemp)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(poiTemp)) {
            return files.map(Path::getFileName).map(Path::toString).filter(n -> n.startsWith("poi-sxssf")).count();
        }
    }

    private static void assertNoFormulaAnywhere(XSSFWorkbook wb) {
        int cells = 0;
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    cells++;
                    assertThat(cell.getCellType()).as(sheet.getSheetName() + "!" + cell.getAddress())
                            .isNotEqualTo(CellType.FORMULA);
                    if (cell.getCellType() == CellType.STRING && !cell.getStringCellValue().isEmpty()) {
                        assertThat(cell.getStringCellValue().charAt(0)).as(sheet.getSheetName() + "!" + cell.getAddress())
                                .isNotIn('=', '+', '-', '@', '\t', '\r');
                    }
                }
            }
        }
        assertThat(cells).isGreaterThan(50);
    }

    private static List<String> sheetNames(XSSFWorkbook wb) {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    private static String autoFilter(XSSFSheet sheet) {
        assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(sheet.getSheetName()).isTrue();
        return sheet.getCTWorksheet().getAutoFilter().getRef();
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(c -> texts.add(c.getStringCellValue()));
        return texts;
    }

    private static List<String> column(Sheet sheet, String header) {
        int index = texts(sheet.getRow(0)).indexOf(header);
        assertThat(index).as(header).isNotNegative();
        List<String> values = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Cell cell = sheet.getRow(r).getCell(index);
            values.add(cell == null ? "" : cell.getStringCellValue());
        }
        return values;
    }

    private static Row rowWithCode(Sheet sheet, String code) {
        int index = FINDING_HEADERS.indexOf("Code");
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && code.equals(row.getCell(index).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row with code " + code + " in " + sheet.getSheetName());
    }

    /** The cell right of (or {@code offset} right of) the first cell in column A whose text is {@code label}. */
    private static String value(Sheet sheet, String label) {
        return value(sheet, label, 1);
    }

    private static String value(Sheet sheet, String label, int offset) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && label.equals(first.getStringCellValue())) {
                Cell cell = row.getCell(offset);
                return switch (cell.getCellType()) {
                    case NUMERIC -> String.valueOf((long) cell.getNumericCellValue());
                    case STRING -> cell.getStringCellValue();
                    default -> throw new AssertionError("unexpected " + cell.getCellType());
                };
            }
        }
        throw new AssertionError("no row labelled " + label + " in " + sheet.getSheetName());
    }

    private static String rgb(Object color) {
        assertThat(color).isInstanceOf(XSSFColor.class);
        return HexFormat.of().withUpperCase().formatHex(Objects.requireNonNull(((XSSFColor) color).getRGB()));
    }

}
