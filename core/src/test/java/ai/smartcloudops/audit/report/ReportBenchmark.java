package ai.smartcloudops.audit.report;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.report.excel.ExcelReportRenderer;
import ai.smartcloudops.audit.report.html.HtmlReportRenderer;
import ai.smartcloudops.audit.report.json.JsonReportRenderer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The reports at scale (docs/benchmarks.md, src/test/bench/reports.sh): renders {@link SyntheticReport} in one of
 * several ways and prints one markdown row with the rendering's wall and CPU seconds, the model's generation not
 * counted. The floor is a bare SXSSF write of the finding rows: default window, plain text cells, no styles.
 *
 * <p>Usage: {@code ReportBenchmark MODE FINDINGS RESOURCES DIR}, MODE one of {@code floor} (every finding row
 * once, one sheet), {@code floor-sheets} (the rows of report.xlsx: one sheet per area and All findings),
 * {@code report} (report.html and report.xlsx as a run writes them: side by side, then copied to latest/),
 * {@code html}, {@code xlsx}, {@code json}.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        int findings = Integer.parseInt(args[1]);
        ReportModel model = SyntheticReport.model(findings, Integer.parseInt(args[2]));
        Path dir = Files.createDirectories(Path.of(args[3]));
        System.gc();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        switch (mode) {
            case "floor" -> floor(Map.of("All findings", model.findings()), dir.resolve("floor.xlsx"));
            case "floor-sheets" -> {
                Map<String, List<TrackedFinding>> sheets = new java.util.LinkedHashMap<>();
                model.byArea().forEach((area, items) -> sheets.put(area.title(), items));
                sheets.put("All findings", model.findings());
                floor(sheets, dir.resolve("floor.xlsx"));
            }
            case "report" -> new ReportWriter(List.of(new HtmlReportRenderer(), new ExcelReportRenderer()))
                    .write(model, dir, Set.of("html", "xlsx"));
            case "html" -> new HtmlReportRenderer().render(model, dir.resolve("report.html"));
            case "xlsx" -> new ExcelReportRenderer().render(model, dir.resolve("report.xlsx"));
            case "json" -> new JsonReportRenderer().render(model, dir.resolve("findings.json"));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        // the writer also copies the run's files to latest/: count what it wrote once
        Path written = mode.equals("report") ? dir.resolve(String.valueOf(model.run().id())) : dir;
        long bytes;
        try (var files = Files.walk(written)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "%s %d %.2f %.2f %.1f%n", mode, findings, wall, cpuSeconds,
                bytes / 1048576.0);
    }

    /** The floor: the same finding cells as report.xlsx writes, nothing else. */
    private static void floor(Map<String, List<TrackedFinding>> sheets, Path file) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
            for (Map.Entry<String, List<TrackedFinding>> e : sheets.entrySet()) {
                Sheet sheet = workbook.createSheet(e.getKey());
                int r = 0;
                for (TrackedFinding item : e.getValue()) {
                    Finding f = item.finding();
                    Row row = sheet.createRow(r++);
                    String[] cells = {f.severity().name(), String.valueOf(item.state()), f.code().code(),
                        f.area().title(), f.target(), f.resource().kind(), f.resource().namespace(),
                        f.resource().name(), f.title(), f.detail(), f.evidence().toString(), f.remediation(),
                        f.fingerprint(), String.valueOf(item.firstSeen()), f.waiver()};
                    for (int c = 0; c < cells.length; c++) {
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }
}
