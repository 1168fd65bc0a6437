package ai.smartcloudops.audit.api;

import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.ReportRenderer;
import ai.smartcloudops.audit.run.AuditRequest;
import ai.smartcloudops.audit.run.AuditService;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.run.Shard;
import ai.smartcloudops.audit.run.UsageException;
import ai.smartcloudops.audit.schedule.ServeProperties;
import ai.smartcloudops.audit.schedule.ServeSchedules;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.quartz.SchedulerException;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts audits on demand and reads runs. Reports are rendered from the store on request: the run may have been
 * executed by another replica, and replicas share no disk.
 */
@RestController
@Profile("serve")
@RequestMapping("/api")
class AuditApi {

    private static final Map<String, MediaType> MEDIA_TYPES = Map.of(
            "html", MediaType.TEXT_HTML,
            "xlsx", MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "json", MediaType.APPLICATION_JSON);

    /** The largest body POST /api/audits reads: a request is a few fields. */
    static final int MAX_BODY = 64 * 1024;
    /** A report renders what audited systems returned: it may load and run nothing, only its inline styles. */
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    /** A misspelt field would otherwise be dropped and start a full audit in its place. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final AuditService audits;
    private final ServeSchedules schedules;
    private final RunStore runs;
    private final FindingStore findings;
    private final ReportModelFactory models;
    private final Map<String, ReportRenderer> renderers;
    private final AuditProperties properties;
    private final VerdictStore verdicts;
    private final Clock clock;
    private final int maxQueuedRuns;

    AuditApi(AuditService audits, ServeSchedules schedules, RunStore runs, FindingStore findings,
             ReportModelFactory models, List<ReportRenderer> renderers, AuditProperties properties,
             VerdictStore verdicts, Clock clock, ServeProperties serve) {
        this.audits = audits;
        this.schedules = schedules;
        this.runs = runs;
        this.findings = findings;
        this.models = models;
        this.renderers = renderers.stream().collect(Collectors.toMap(ReportRenderer::fileName, r -> r));
        this.properties = properties;
        this.verdicts = verdicts;
        this.clock = clock;
        this.maxQueuedRuns = serve.maxQueuedRuns();
    }

    /**
     * The optional body of POST /api/audits; every field may be left out (the nightly job, everything) but the
     * window, START/DURATION, which the pre-maintenance job requires.
     */
    record Body(String job, List<String> areas, String target, String window) {

        AuditRequest request(Path out, Instant now) {
            return new AuditRequest(job == null ? Schedule.NIGHTLY.job() : job, AuditRequest.ON_DEMAND,
                    areas == null ? Set.of() : AuditRequest.areas(areas), target, out, Shard.SINGLE,
                    AuditRequest.window(window, now));
        }
    }

    /**
     * The body is read here, at most {@link #MAX_BODY} bytes of it, rather than bound by the framework: a larger one
     * is a 413 before it is buffered, an unknown field a 400 naming it, and a full queue a 429.
     */
    @PostMapping("/audits")
    ResponseEntity<Map<String, Object>> start(HttpServletRequest http) throws SchedulerException, IOException {
        byte[] body = http.getContentLengthLong() > MAX_BODY ? null : http.getInputStream().readNBytes(MAX_BODY + 1);
        if (body == null || body.length > MAX_BODY) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + MAX_BODY / 1024
                    + " KB; an audit request is a few fields");
        }
        AuditRequest request = body(body).request(properties.out(), clock.instant());
        int queued = schedules.onDemandRuns();
        if (queued >= maxQueuedRuns) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "60")
                    .body(Map.of("error", queued + " on-demand runs are waiting or running, the most "
                            + "health-audit.serve.max-queued-runs allows; retry when one has finished"));
        }
        long runId = audits.create(request);
        schedules.fireNow(runId, request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", runId,
                "status", RunStatus.RUNNING.toString(), "links", Map.of("self", "/api/runs/" + runId)));
    }

    private static Body body(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return new Body(null, null, null, null);
        }
        try {
            return STRICT.readValue(body, Body.class);
        } catch (UnrecognizedPropertyException e) {
            throw new UsageException("unknown field '" + e.getPropertyName() + "'; valid fields: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")));
        } catch (JacksonException e) {
            throw new UsageException("the body is not an audit request (a JSON object with job, areas, "
                    + "target, window): " + e.getOriginalMessage());
        }
    }

    @GetMapping("/runs/{id}")
    ResponseEntity<Map<String, Object>> run(@PathVariable long id) {
        return runs.find(id).<ResponseEntity<Map<String, Object>>>map(run -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", run.id());
            body.put("job", run.job());
            body.put("trigger", run.trigger());
            body.put("status", run.status().toString());
            body.put("startedAt", run.startedAt().toString());
            body.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
            body.put("score", run.score());
            Map<String, Integer> bySeverity = new LinkedHashMap<>();
            findings.counts(id).bySeverity()
                    .forEach((severity, count) -> bySeverity.put(severity.name(), count));
            body.put("findings", bySeverity);
            verdicts.find(id).ifPresent(verdict -> body.put("verdict", Map.of("result", verdict.result(),
                    "window", verdict.window().toString(), "gates", verdict.failingFirst().stream()
                            .map(gate -> Map.of("gate", gate.name(), "passed", gate.passed(), "detail", gate.detail()))
                            .toList())));
            String base = "/api/runs/" + id + "/";
            body.put("links", Map.of("html", base + "report.html", "xlsx", base + "report.xlsx",
                    "json", base + "findings.json"));
            return ResponseEntity.ok(body);
        }).orElseGet(() -> notFound(id));
    }

    @GetMapping("/runs/{id}/{name:report\\.html|report\\.xlsx|findings\\.json}")
    ResponseEntity<?> report(@PathVariable long id, @PathVariable String name) throws IOException {
        if (runs.find(id).isEmpty()) {
            return notFound(id);
        }
        ReportRenderer renderer = renderers.get(name);
        Path file = Files.createTempFile("health-audit-" + id + "-", "-" + name);
        try {
            renderer.render(models.build(id), file);
            return ResponseEntity.ok().contentType(MEDIA_TYPES.get(renderer.format()))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", REPORT_POLICY)
                    .body(Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @ExceptionHandler(UsageException.class)
    ResponseEntity<Map<String, Object>> badRequest(UsageException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<Map<String, Object>> notFound(long id) {
        return error(HttpStatus.NOT_FOUND, "no run with id " + id);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
