package ai.smartcloudops.audit.publish;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.net.BoundedHttp;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.text.Urls;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Pushes a run's gauges to a Prometheus Pushgateway, as popeye pushes its {@code popeye_code_total}: per code and
 * target (the cluster, database or account), per severity, overdue per team, the score and the checks by status.
 * One PUT per job replaces the job's whole group, so a code no longer found leaves no stale gauge. The body is the
 * Prometheus text format written by the client library (label values escaped), sent within the limits and timeout.
 */
@Component
public class PushgatewayPublisher {

    /** The Pushgateway job of every group; each audit job is a group of its own ({@code audit_job}). */
    static final String JOB = "health_audit";

    private final PublishProperties.Pushgateway settings;
    private final HttpLimits limits;
    private final HttpClient http;

    public PushgatewayPublisher(PublishProperties properties, HttpLimits limits) {
        this.settings = properties.pushgateway();
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public boolean configured() {
        return settings.url() != null;
    }

    /** Why a push failed, in one line naming the Pushgateway's host, never its path or credentials. */
    public static final class PushException extends IOException {
        PushException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Replaces the run's job's gauges on the Pushgateway; returns where they went. */
    public String push(ReportModel model) throws PushException, InterruptedException {
        String url = settings.url() + "/metrics/job/" + JOB + "/audit_job/"
                + URLEncoder.encode(model.run().job(), StandardCharsets.UTF_8).replace("+", "%20");
        URI uri = URI.create(url);
        String where = "PUT " + Urls.mask(uri.getScheme() + "://" + uri.getAuthority());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body(model)));
        if (uri.getUserInfo() != null) {   // a Pushgateway behind basic auth: http://user:password@host:9091
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    uri.getUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest sent = request.build();
        HttpResponse<byte[]> response;
        try {
            response = BoundedHttp.send(http, sent, limits, settings.timeout());
        } catch (IOException e) {
            throw new PushException(where + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : Urls.mask(e.getMessage(), url)), e);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new PushException(where + BoundedHttp.refusal(sent, response, false), null);
        }
        return where;
    }

    /** The gauges of the run in the Prometheus text format. */
    static byte[] body(ReportModel model) throws PushException {
        Map<List<String>, Integer> bySeverity = new LinkedHashMap<>();
        model.counts().bySeverity().forEach((severity, n) -> bySeverity.put(List.of(severity.name()), n));
        Map<List<String>, Integer> perCode = new TreeMap<>(Comparator.comparing(List::toString));
        Map<List<String>, Integer> overdue = new LinkedHashMap<>();
        for (Team team : Team.values()) {
            overdue.put(List.of(team.id()), 0);
        }
        for (TrackedFinding item : model.active()) {
            Finding f = item.finding();
            // cluster as popeye labels its codes: the Kubernetes area's target; empty for the others, which
            // Prometheus stores as no label
            String cluster = f.area() == Area.KUBERNETES ? f.target() : "";
            perCode.merge(List.of(f.area().id(), cluster, f.code().code(), f.severity().name(), f.target()), 1,
                    Integer::sum);
            if (item.overdue(model.run().startedAt())) {
                overdue.merge(List.of(f.code().team().id()), 1, Integer::sum);
            }
        }
        Map<List<String>, Integer> checks = new TreeMap<>(Comparator.comparing(List::toString));
        for (Coverage c : model.coverage()) {
            checks.merge(List.of(c.status().toString()), 1, Integer::sum);
        }
        MetricSnapshots gauges = MetricSnapshots.of(
                gauge("health_audit_score", "The run's score, 0 to 100", List.of(),
                        Map.of(List.of(), model.run().score())),
                gauge("health_audit_last_run_timestamp_seconds", "When the run started", List.of(),
                        Map.of(List.of(), model.run().startedAt().getEpochSecond())),
                gauge("health_audit_findings", "Findings that count (not waived), per severity", List.of("severity"),
                        bySeverity),
                gauge("health_audit_code_findings", "Findings that count, per target (cluster, database, account) "
                        + "and code", List.of("area", "cluster", "code", "severity", "target"), perCode),
                gauge("health_audit_overdue_findings", "Open findings past their due time, per owning team",
                        List.of("team"), overdue),
                gauge("health_audit_checks", "Check executions of the run, by status", List.of("status"), checks));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, gauges, EscapingScheme.DEFAULT);
        } catch (IOException e) {
            throw new PushException("cannot write the gauges: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static GaugeSnapshot gauge(String name, String help, List<String> labelNames,
                                       Map<List<String>, ? extends Number> values) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((labels, value) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(labelNames, labels)).value(value.doubleValue()).build()));
        return gauge.build();
    }
}
