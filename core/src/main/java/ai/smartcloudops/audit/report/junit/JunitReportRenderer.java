package ai.smartcloudops.audit.report.junit;

import ai.smartcloudops.audit.maintenance.Gate;
import ai.smartcloudops.audit.maintenance.Verdict;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportRenderer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code junit.xml}: a pre-maintenance run's gates as JUnit XML for CI pipelines — one testsuite
 * {@code pre-maintenance}, one testcase per gate, a {@code <failure>} for each failing gate. Written on request
 * only, and only for pre-maintenance runs: other runs have no gates to pass or fail.
 */
@Component
public class JunitReportRenderer implements ReportRenderer {

    public static final String FORMAT = "junit";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String fileName() {
        return "junit.xml";
    }

    @Override
    public boolean byDefault() {
        return false;
    }

    @Override
    public void render(ReportModel model, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(xml(model));
        }
    }

    static String xml(ReportModel model) {
        Verdict verdict = model.verdict();
        if (verdict == null) {
            throw new IllegalArgumentException(refusal(model.run()));
        }
        ReportModel.Run run = model.run();
        long failures = verdict.gates().stream().filter(g -> !g.passed()).count();
        double seconds = run.finishedAt() == null ? 0
                : Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"pre-maintenance\" tests=\"").append(verdict.gates().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(seconds).append("\" timestamp=\"").append(run.startedAt()).append("\">\n");
        xml.append("  <properties>\n");
        property(xml, "run", String.valueOf(run.id()));
        property(xml, "window", verdict.window().toString());
        property(xml, "verdict", verdict.result());
        xml.append("  </properties>\n");
        for (Gate gate : verdict.gates()) {
            xml.append("  <testcase classname=\"pre-maintenance\" name=\"").append(escape(gate.name())).append('"');
            if (gate.passed()) {
                xml.append(">\n    <system-out>").append(escape(gate.detail())).append("</system-out>\n");
            } else {
                xml.append(">\n    <failure message=\"").append(escape(gate.detail())).append("\" type=\"NO-GO\">")
                        .append(escape(gate.detail())).append("</failure>\n");
            }
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    /** Why a run has no JUnit report: it is not a pre-maintenance run (or did not reach its verdict). */
    public static String refusal(ReportModel.Run run) {
        return "junit is written for pre-maintenance runs only; run " + run.id() + " is a " + run.job() + " run"
                + ("pre-maintenance".equals(run.job()) ? " without a verdict (status " + run.status() + ")" : "");
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("    <property name=\"").append(name).append("\" value=\"").append(escape(value)).append("\"/>\n");
    }

    /** Text and attribute values alike; characters XML 1.0 cannot carry at all are replaced. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("&#10;");
                case '\t', '\r' -> out.append("&#").append(c).append(';');
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
