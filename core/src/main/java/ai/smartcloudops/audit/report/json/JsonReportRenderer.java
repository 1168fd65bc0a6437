package ai.smartcloudops.audit.report.json;

import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.maintenance.Gate;
import ai.smartcloudops.audit.maintenance.Verdict;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportRenderer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code findings.json}: the stable, machine-readable form of a run (documented in docs/reports.md).
 *
 * <p>Every object is built as an explicit {@link LinkedHashMap} so the field order is the documented one and
 * does not depend on the mapper's property ordering. Instants are ISO-8601 strings in UTC; absent values
 * (a running run's finishedAt, a cluster-scoped resource's namespace, a coverage row's reason) are null.
 */
@Component
public class JsonReportRenderer implements ReportRenderer {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String fileName() {
        return "findings.json";
    }

    @Override
    public void render(ReportModel model, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
             JsonGenerator json = mapper.createGenerator(out)) {
            write(model, json);
        } catch (JacksonException e) {
            throw new IOException("could not write " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The whole document, in the documented order: run, findings, resolved, coverage, trend, then a
     * pre-maintenance run's verdict and gates. Each element is written as it is made, so a run of 100,000
     * findings never holds its document in memory.
     */
    private static void write(ReportModel model, JsonGenerator json) {
        json.writeStartObject();
        json.writePOJOProperty("run", run(model.run()));
        Instant asOf = model.run().startedAt();
        array(json, "findings", model.findings(), i -> item(i, i.state(), asOf));
        array(json, "resolved", model.resolved(), i -> item(i, FindingState.RESOLVED, asOf));
        array(json, "coverage", model.coverage(), JsonReportRenderer::coverage);
        array(json, "trend", model.trend(), JsonReportRenderer::trendPoint);
        if (model.verdict() != null) {
            json.writePOJOProperty("verdict", verdict(model.verdict()));
            array(json, "gates", model.verdict().gates(), JsonReportRenderer::gate);
        }
        json.writeEndObject();
    }

    private static <T> void array(JsonGenerator json, String name, List<T> items,
                                  Function<T, Map<String, Object>> element) {
        json.writeArrayPropertyStart(name);
        for (T item : items) {
            json.writePOJO(element.apply(item));
        }
        json.writeEndArray();
    }

    private static Map<String, Object> run(ReportModel.Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("job", run.job());
        m.put("trigger", run.trigger());
        m.put("startedAt", instant(run.startedAt()));
        m.put("finishedAt", instant(run.finishedAt()));
        m.put("status", run.status().toString());
        m.put("score", run.score());
        m.put("grade", run.grade());
        return m;
    }

    /** @param asOf when the audit ran: a finding due before it is overdue */
    private static Map<String, Object> item(TrackedFinding item, FindingState state, Instant asOf) {
        Finding f = item.finding();
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("kind", f.resource().kind());
        resource.put("namespace", f.resource().namespace());
        resource.put("name", f.resource().name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code().code());
        m.put("severity", f.severity().name());
        m.put("area", f.area().id());
        m.put("target", f.target());
        m.put("resource", resource);
        m.put("title", f.title());
        m.put("detail", f.detail());
        m.put("evidence", new LinkedHashMap<>(f.evidence()));
        m.put("remediation", f.remediation());
        m.put("fingerprint", f.fingerprint());
        m.put("state", Objects.toString(state, null));
        m.put("firstSeen", instant(item.firstSeen()));
        m.put("waiver", f.waiver());
        m.put("team", f.code().team().id());
        m.put("due", instant(item.due()));
        m.put("overdue", item.overdue(asOf));
        return m;
    }

    private static Map<String, Object> coverage(Coverage c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", c.check());
        m.put("target", c.target());
        m.put("status", c.status().toString());
        m.put("durationMs", c.durationMs());
        m.put("findings", c.findings());
        m.put("reason", c.reason());
        return m;
    }

    /** A pre-maintenance run's verdict: its window and GO or NO-GO. */
    private static Map<String, Object> verdict(Verdict verdict) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", verdict.window().toString());
        m.put("windowStart", instant(verdict.window().start()));
        m.put("windowEnd", instant(verdict.window().end()));
        m.put("result", verdict.result());
        return m;
    }

    private static Map<String, Object> gate(Gate g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gate", g.name());
        m.put("result", g.result());
        m.put("detail", g.detail());
        return m;
    }

    private static Map<String, Object> trendPoint(ReportModel.TrendPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", p.runId());
        m.put("startedAt", instant(p.startedAt()));
        m.put("score", p.score());
        return m;
    }

    /** ISO-8601 in UTC, e.g. 2025-03-14T02:00:00Z; null stays null. */
    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
