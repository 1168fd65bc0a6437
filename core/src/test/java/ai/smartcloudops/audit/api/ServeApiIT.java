package ai.smartcloudops.audit.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.HealthAuditApplication;
import ai.smartcloudops.audit.store.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP API and the actuator of a real `serve` context: embedded PostgreSQL store, random port. */
@ExtendWith(OutputCaptureExtension.class)
class ServeApiIT {

    private static final String TOKEN = "it-token-5f1e9c2a";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path out;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutAConfiguredTokenEveryApiCallIsRefused() throws Exception {
        try (ConfigurableApplicationContext context = serve(null)) {
            HttpResponse<String> response = send(context, "POST", "/api/audits", TOKEN, "");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"error\":\"the API is off: set HEALTH_AUDIT_SERVE_API_TOKEN "
                    + "(health-audit.serve.api-token)\"}");
            assertThat(send(context, "GET", "/api/runs/1", null, null).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void anOnDemandRunIsAcceptedRunsAndIsReadableFromTheStore(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = serve(TOKEN)) {
            HttpResponse<String> missing = send(context, "POST", "/api/audits", null, "");
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"health-audit\"");
            HttpResponse<String> wrong = send(context, "POST", "/api/audits", TOKEN + "x", "");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).isEqualTo("{\"error\":\"missing or wrong bearer token\"}");

            HttpResponse<String> unknown = send(context, "POST", "/api/audits", TOKEN, "{\"job\":\"monthly\"}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).isEqualTo(
                    "{\"error\":\"unknown job 'monthly'; valid jobs: escalate, hourly, nightly, "
                            + "pre-maintenance, weekly-report\"}");
            HttpResponse<String> area = send(context, "POST", "/api/audits", TOKEN, "{\"areas\":[\"dns\"]}");
            assertThat(area.statusCode()).isEqualTo(400);
            assertThat(area.body()).startsWith("{\"error\":\"unknown area 'dns'; valid areas: kubernetes");

            HttpResponse<String> accepted = send(context, "POST", "/api/audits", TOKEN,
                    "{\"job\":\"nightly\",\"areas\":[\"kubernetes\"]}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            JsonNode started = JSON.readTree(accepted.body());
            long id = started.get("runId").asLong();
            assertThat(started.get("status").asString()).isEqualTo("RUNNING");
            assertThat(started.get("links").get("self").asString()).isEqualTo("/api/runs/" + id);

            JsonNode run = awaitFinished(context, id);
            assertThat(run.get("id").asLong()).isEqualTo(id);
            assertThat(run.get("job").asString()).isEqualTo("nightly");
            assertThat(run.get("trigger").asString()).isEqualTo("api");
            assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("score").asInt()).isEqualTo(100);
            assertThat(run.get("findings").toString()).isEqualTo("{\"P0\":0,\"P1\":0,\"P2\":0,\"P3\":0}");
            assertThat(run.get("links").get("html").asString()).isEqualTo("/api/runs/" + id + "/report.html");
            assertThat(run.get("links").get("xlsx").asString()).isEqualTo("/api/runs/" + id + "/report.xlsx");
            assertThat(run.get("links").get("json").asString()).isEqualTo("/api/runs/" + id + "/findings.json");

            HttpResponse<String> html = send(context, "GET", run.get("links").get("html").asString(), TOKEN, null);
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(html.body()).contains("<title>Health audit · nightly · run " + id + "</title>");
            for (String report : List.of("html", "xlsx", "json")) {
                HttpResponse<String> response = send(context, "GET", run.get("links").get(report).asString(), TOKEN,
                        null);
                assertThat(response.headers().firstValue("X-Content-Type-Options")).as(report).hasValue("nosniff");
                assertThat(response.headers().firstValue("Content-Security-Policy")).as(report)
                        .hasValue("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
            }
            HttpResponse<String> json = send(context, "GET", run.get("links").get("json").asString(), TOKEN, null);
            assertThat(JSON.readTree(json.body()).get("run").get("id").asLong()).isEqualTo(id);
            assertThat(send(context, "GET", "/api/runs/999", TOKEN, null).statusCode()).isEqualTo(404);

            HttpResponse<String> ready = send(context, "GET", "/actuator/health/readiness", null, null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(send(context, "GET", "/actuator/health/liveness", null, null).body())
                    .isEqualTo("{\"status\":\"UP\"}");
            String metrics = send(context, "GET", "/actuator/prometheus", null, null).body();
            assertThat(metrics).contains("health_audit_runs_total{job=\"nightly\",status=\"COMPLETED\"} 1.0")
                    .contains("health_audit_last_run_score{job=\"nightly\"} 100.0");
            assertThat(send(context, "GET", "/actuator/env", null, null).statusCode()).isEqualTo(404);

            // the pre-maintenance job needs its window; its run carries the verdict
            HttpResponse<String> windowless = send(context, "POST", "/api/audits", TOKEN,
                    "{\"job\":\"pre-maintenance\"}");
            assertThat(windowless.statusCode()).isEqualTo(400);
            assertThat(windowless.body()).contains("--window is required for the pre-maintenance job");
            HttpResponse<String> maintenance = send(context, "POST", "/api/audits", TOKEN,
                    "{\"job\":\"pre-maintenance\",\"window\":\"" + Instant.now().plusSeconds(3600) + "/4h\"}");
            assertThat(maintenance.statusCode()).as(maintenance.body()).isEqualTo(202);
            JsonNode verdict = awaitFinished(context, JSON.readTree(maintenance.body()).get("runId").asLong())
                    .get("verdict");
            // nothing is configured: every gate passes as n/a
            assertThat(verdict.get("result").asString()).isEqualTo("GO");
            assertThat(verdict.get("gates")).hasSize(9).allSatisfy(gate -> {
                assertThat(gate.get("passed").asBoolean()).isTrue();
                assertThat(gate.get("detail").asString()).matches("n/a: no .* configured|none open");
            });
        }
        assertThat(output.getAll()).contains("run 1 (nightly) completed").doesNotContain(TOKEN);
    }

    @Test
    void aRequestIsBoundedStrictAndQueuedAtMostMaxQueuedRuns() throws Exception {
        // the scheduler stays in standby: accepted runs stay queued
        try (ConfigurableApplicationContext context = serve(TOKEN, "spring.quartz.auto-startup=false",
                "health-audit.serve.max-queued-runs=2")) {
            HttpResponse<String> misspelt = send(context, "POST", "/api/audits", TOKEN,
                    "{\"job\":\"hourly\",\"targets\":\"prod\"}");
            assertThat(misspelt.statusCode()).isEqualTo(400);
            assertThat(misspelt.body()).isEqualTo(
                    "{\"error\":\"unknown field 'targets'; valid fields: areas, job, target, window\"}");
            HttpResponse<String> notJson = send(context, "POST", "/api/audits", TOKEN, "[1,2]");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).startsWith("{\"error\":\"the body is not an audit request");

            String large = "{\"target\":\"" + "x".repeat(AuditApi.MAX_BODY) + "\"}";
            HttpResponse<String> tooLarge = send(context, "POST", "/api/audits", TOKEN, large);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.body()).isEqualTo(
                    "{\"error\":\"the body is larger than 64 KB; an audit request is a few fields\"}");
            HttpResponse<String> chunked = http.send(request(context, "/api/audits", TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(large.getBytes()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as("without a Content-Length").isEqualTo(413);

            assertThat(send(context, "POST", "/api/audits", TOKEN, "{\"job\":\"hourly\"}").statusCode())
                    .isEqualTo(202);
            assertThat(send(context, "POST", "/api/audits", TOKEN, "").statusCode()).isEqualTo(202);
            HttpResponse<String> full = send(context, "POST", "/api/audits", TOKEN, "{\"job\":\"hourly\"}");
            assertThat(full.statusCode()).isEqualTo(429);
            assertThat(full.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(full.body()).isEqualTo("{\"error\":\"2 on-demand runs are waiting or running, the most "
                    + "health-audit.serve.max-queued-runs allows; retry when one has finished\"}");
        }
    }

    private ConfigurableApplicationContext serve(String token, String... properties) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(HealthAuditApplication.class).profiles("serve")
                .properties("server.port=0", "spring.datasource.url=" + TestDatabase.newDatabase(),
                        "health-audit.out=" + out, "health-audit.serve.schedules.hourly=off",
                        "health-audit.serve.schedules.nightly=off", "health-audit.serve.schedules.weekly-report=off",
                        "health-audit.serve.schedules.escalate=off",
                        "logging.level.ai.smartcloudops=INFO").properties(properties);
        if (token != null) {
            builder.properties("health-audit.serve.api-token=" + token);
        }
        return builder.run();
    }

    private JsonNode awaitFinished(ConfigurableApplicationContext context, long id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonNode run = JSON.readTree(send(context, "GET", "/api/runs/" + id, TOKEN, null).body());
            if (!"RUNNING".equals(run.get("status").asString()) || Instant.now().isAfter(deadline)) {
                return run;
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> send(ConfigurableApplicationContext context, String method, String path,
                                      String token, String body) throws Exception {
        HttpRequest.Builder request = request(context, path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(ConfigurableApplicationContext context, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                + context.getEnvironment().getProperty("local.server.port") + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
