package ai.smartcloudops.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.report.excel.ExcelReportRenderer;
import ai.smartcloudops.audit.report.html.HtmlReportRenderer;
import ai.smartcloudops.audit.report.json.JsonReportRenderer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three reports of 20,000 findings over 200 pods in the heap a CronJob pod gets (the failsafe execution of
 * *ScaleIT sets -Xmx512m): report.html groups them by code and stays small, report.xlsx and findings.json hold
 * every one, each read back as a stream.
 */
class ReportScaleIT {

    private static final int FINDINGS = 20_000;
    /**
     * About 6,700 with the catalogue's codes today: a P2 or P3 group shows 20 of its rows, P0 and P1 groups all of
     * their few; the rows grow with the number of codes, not with the findings.
     */
    private static final int MOST_ROWS = FINDINGS * 2 / 5;

    @TempDir
    Path dir;

    @Test
    void twentyThousandFindingsRenderInA512MbHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx512m")
                .isLessThanOrEqualTo(512L * 1024 * 1024);
        ReportModel model = SyntheticReport.model(FINDINGS, 200);
        Path html = dir.resolve("report.html");
        Path xlsx = dir.resolve("report.xlsx");
        Path json = dir.resolve("findings.json");
        new HtmlReportRenderer().render(model, html);
        new ExcelReportRenderer().render(model, xlsx);
        new JsonReportRenderer().render(model, json);

        String page = Files.readString(html, StandardCharsets.UTF_8);
        Map<String, Integer> expected = expectedGroups(model.findings());
        assertThat(groupCounts(page)).as("every (severity, code) with its count").isEqualTo(expected);
        Matcher groups = Pattern.compile("<details class=\"group\" id=\"[^\"]+\"( open)?>\\s*<summary><span "
                + "class=\"badge sev-(p\\d)\".*?</details>", Pattern.DOTALL).matcher(page);
        int p3Groups = 0;
        while (groups.find()) {
            long rows = Pattern.compile("<tr>").matcher(groups.group()).results().count() - 1;
            boolean urgent = groups.group(2).equals("p0") || groups.group(2).equals("p1");
            assertThat(groups.group(1) != null).as("P0 and P1 groups are open, others closed").isEqualTo(urgent);
            assertThat(rows).isLessThanOrEqualTo(urgent ? 100 : 20);
            p3Groups += groups.group(2).equals("p3") ? 1 : 0;
        }
        assertThat(p3Groups).isEqualTo(expected.keySet().stream().filter(g -> g.startsWith("P3 ")).count());
        assertThat(Pattern.compile("<tr[ >]").matcher(page).results().count()).isLessThan(MOST_ROWS);
        assertThat(page).contains("Showing 20 of ").doesNotContain("<script>alert");
        assertThat(Files.size(html)).as("a page a browser opens").isLessThan(8L << 20);

        assertThat(sheetRows(xlsx)).containsEntry("All findings", FINDINGS + 1)
                .containsEntry("Kubernetes", areaCount(model, "kubernetes") + 1);
        assertThat(jsonFindings(json)).isEqualTo(FINDINGS);
    }

    /** "P3 K8S-101" to the count its summary shows. */
    private static Map<String, Integer> groupCounts(String page) {
        Matcher summary = Pattern.compile("<summary><span class=\"badge [^\"]+\" title=\"[^\"]+\">(P\\d)</span> "
                + "([^<]+)<span class=\"n\">(\\d+)</span>").matcher(page);
        Map<String, Integer> counts = new TreeMap<>();
        while (summary.find()) {
            counts.merge(summary.group(1) + " " + summary.group(2), Integer.parseInt(summary.group(3)), Integer::sum);
        }
        return counts;
    }

    private static Map<String, Integer> expectedGroups(List<TrackedFinding> findings) {
        return findings.stream().map(TrackedFinding::finding).collect(Collectors.groupingBy(
                f -> f.severity().name() + " " + f.code().code(), TreeMap::new,
                Collectors.reducing(0, f -> 1, Integer::sum)));
    }

    private static int areaCount(ReportModel model, String area) {
        return (int) model.findings().stream().filter(i -> i.finding().area().id().equals(area)).count();
    }

    /** Rows per sheet, each sheet's XML read as a stream. */
    private static Map<String, Integer> sheetRows(Path xlsx) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (OPCPackage pkg = OPCPackage.open(xlsx.toFile(), PackageAccess.READ)) {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    XMLStreamReader xml = XMLInputFactory.newInstance().createXMLStreamReader(sheet);
                    int n = 0;
                    while (xml.hasNext()) {
                        if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                            n++;
                        }
                    }
                    rows.put(sheets.getSheetName(), n);
                }
            }
        }
        return rows;
    }

    /** Elements of the top-level "findings" array, read token by token. */
    private static int jsonFindings(Path json) {
        try (JsonParser parser = JsonMapper.builder().build().createParser(json.toFile())) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.PROPERTY_NAME && parser.streamReadContext().getParent()
                        .inRoot() && parser.currentName().equals("findings")) {
                    parser.nextToken();
                    int n = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        n++;
                    }
                    return n;
                }
            }
        }
        return -1;
    }
}
