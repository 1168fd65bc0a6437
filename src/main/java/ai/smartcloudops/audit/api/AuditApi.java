package ai.smartcloudops.audit.api;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.ReportRenderer;
import ai.smartcloudops.audit.run.AuditService;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.run.Shard;
import ai.smartcloudops.audit.schedule.ServeSchedules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.quartz.SchedulerException;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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

    private final AuditService audits;
    private final ServeSchedules schedules;
    private final RunStore runs;
    private final FindingStore findings;
    private final ReportModelFactory models;
    private final Map<String, ReportRenderer> renderers;
    private final AuditProperties properties;
    private final VerdictStore verdicts;
    private final Clock clock;

    AuditApi(AuditService audits, ServeSchedules schedules, RunStore runs, FindingStore findings,
             ReportModelFactory models, List<ReportRenderer> renderers, AuditProperties properties,
             VerdictStore verdicts, Clock clock) {
        this.audits = audits;
        this.schedules = schedules;
        this.runs = runs;
        this.findings = findings;
        this.models = models;
        this.renderers = renderers.stream().collect(Collectors.toMap(ReportRenderer::fileName, r -> r));
        this.properties = properties;
        this.verdicts = verdicts;
        this.clock = clock;
    }

    /**
     * The optional body of POST /api/audits; every field may be left out (the nightly job, everything) but the
     * window, START/DURATION, which the pre-maintenance job requires.
     */
    record AuditRequest(String job, List<String> areas, String target, String window) {
    }

    @PostMapping("/audits")
    ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) AuditRequest body)
            throws SchedulerException {
        AuditRequest given = body == null ? new AuditRequest(null, null, null, null) : body;
        Set<Area> areas = given.areas() == null ? Set.of()
                : given.areas().stream().map(Area::parse).collect(Collectors.toSet());
        MaintenanceWindow window = given.window() == null ? null
                : MaintenanceWindow.parse(given.window(), clock.instant());
        AuditService.Request request = new AuditService.Request(given.job() == null ? "nightly" : given.job(), "api",
                areas, given.target() == null || given.target().isBlank() ? null : given.target(), properties.out(),
                Shard.SINGLE, window);
        long runId = audits.create(request);
        schedules.fireNow(runId, request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", runId, "status", RunStore.RUNNING,
                "links", Map.of("self", "/api/runs/" + runId)));
    }

    @GetMapping("/runs/{id}")
    ResponseEntity<Map<String, Object>> run(@PathVariable long id) {
        return runs.find(id).<ResponseEntity<Map<String, Object>>>map(run -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", run.id());
            body.put("job", run.job());
            body.put("trigger", run.trigger());
            body.put("status", run.status());
            body.put("startedAt", run.startedAt().toString());
            body.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
            body.put("score", run.score());
            Map<String, Integer> bySeverity = new LinkedHashMap<>();
            findings.counts(id).forEach((severity, count) -> bySeverity.put(severity.name(), count));
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
                    .body(Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static ResponseEntity<Map<String, Object>> notFound(long id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no run with id " + id));
    }
}
