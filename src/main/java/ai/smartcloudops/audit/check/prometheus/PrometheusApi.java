package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.http.ApiEndpoint;
import ai.smartcloudops.audit.check.http.JsonApi;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.text.Urls;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The Prometheus 2.x HTTP API as far as the audit reads it: instant queries, scrape targets, alerts, rules,
 * Alertmanagers and the server's runtime and TSDB status. Every request goes through the shared {@link JsonApi};
 * an answer in the API's error envelope ({@code "status":"error"}, also on 400/422/503) is a {@link QueryException}
 * carrying Prometheus's {@code errorType: error}.
 */
public final class PrometheusApi {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private final JsonApi api;

    public PrometheusApi(ApiEndpoint endpoint, HttpLimits limits) {
        this.api = new JsonApi(endpoint, limits);
    }

    /** A Prometheus without credentials at {@code url}, e.g. http://prometheus.smartcloudops-monitoring:9090. */
    public static PrometheusApi of(String url, Duration timeout, HttpLimits limits) {
        return new PrometheusApi(new ApiEndpoint(url, null, null, null, null, null, timeout), limits);
    }

    public String url() {
        return api.endpoint().url();
    }

    /** One series of an instant vector: its labels and value. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** An active scrape target of {@code /api/v1/targets}; durations in seconds. */
    public record ScrapeTarget(String scrapePool, Map<String, String> labels, String scrapeUrl, String health,
                               String lastError, double lastScrapeDuration, Duration scrapeTimeout) {

        public String instance() {
            return labels.getOrDefault("instance", scrapeUrl);
        }
    }

    /** An alert of {@code /api/v1/alerts}: state pending or firing, active since {@code activeAt}. */
    public record Alert(Map<String, String> labels, Map<String, String> annotations, String state, Instant activeAt,
                        String value) {

        public String name() {
            return labels.getOrDefault("alertname", "");
        }
    }

    /** A rule of {@code /api/v1/rules}: type alerting or recording, health ok, err or unknown. */
    public record Rule(String group, String file, String name, String type, String query, String health,
                       String lastError) {
    }

    /** Prometheus answered, but with its error envelope or not in the API's shape. */
    public static final class QueryException extends IOException {
        public QueryException(String message) {
            super(message);
        }
    }

    /** The {@code data} of {@code GET /api/v1/<path>}, after checking the envelope. */
    public JsonNode data(String path) throws IOException, InterruptedException {
        JsonNode body;
        try {
            body = api.get("/api/v1/" + path);
        } catch (JsonApi.ApiException e) {
            JsonNode error = e.body().orElse(null);
            if (error != null && "error".equals(error.path("status").asString())) {
                throw new QueryException(error.path("errorType").asString("error") + ": "
                        + error.path("error").asString("HTTP " + e.status()));
            }
            throw e;
        }
        String status = body.path("status").asString("");
        if ("error".equals(status)) {
            throw new QueryException(body.path("errorType").asString("error") + ": " + body.path("error").asString());
        }
        if (!"success".equals(status) || !body.path("data").isObject()) {
            throw new QueryException("GET " + Urls.mask(url() + "/api/v1/" + path) + ": not a Prometheus API answer "
                    + "(no \"status\":\"success\" with data)");
        }
        return body.path("data");
    }

    /** The instant vector of {@code expression}; a scalar answer is one sample without labels. */
    public List<Sample> query(String expression) throws IOException, InterruptedException {
        JsonNode data = data("query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        String type = data.path("resultType").asString();
        List<Sample> samples = new ArrayList<>();
        if ("scalar".equals(type)) {
            samples.add(new Sample(Map.of(), number(data.path("result").path(1))));
        } else if ("vector".equals(type)) {
            for (JsonNode series : data.path("result")) {
                samples.add(new Sample(strings(series.path("metric")), number(series.path("value").path(1))));
            }
        } else {
            throw new QueryException("expected an instant vector, got " + (type.isEmpty() ? "no resultType" : type));
        }
        return samples;
    }

    public List<ScrapeTarget> targets() throws IOException, InterruptedException {
        List<ScrapeTarget> targets = new ArrayList<>();
        for (JsonNode t : data("targets?state=active").path("activeTargets")) {
            targets.add(new ScrapeTarget(t.path("scrapePool").asString(t.path("labels").path("job").asString("")),
                    strings(t.path("labels")), t.path("scrapeUrl").asString(""), t.path("health").asString("unknown"),
                    t.path("lastError").asString(""), t.path("lastScrapeDuration").asDouble(0),
                    duration(t.path("scrapeTimeout").asString(""))));
        }
        return targets;
    }

    public List<Alert> alerts() throws IOException, InterruptedException {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : data("alerts").path("alerts")) {
            String activeAt = a.path("activeAt").asString("");
            alerts.add(new Alert(strings(a.path("labels")), strings(a.path("annotations")), a.path("state").asString(),
                    activeAt.isEmpty() ? null : Instant.parse(activeAt), a.path("value").asString("")));
        }
        return alerts;
    }

    public List<Rule> rules() throws IOException, InterruptedException {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : data("rules").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                rules.add(new Rule(group.path("name").asString(), group.path("file").asString(""),
                        r.path("name").asString(), r.path("type").asString(), r.path("query").asString(""),
                        r.path("health").asString("unknown"), r.path("lastError").asString("")));
            }
        }
        return rules;
    }

    /** {@code data} of {@code /api/v1/alertmanagers}: activeAlertmanagers and droppedAlertmanagers. */
    public JsonNode alertmanagers() throws IOException, InterruptedException {
        return data("alertmanagers");
    }

    /** {@code data} of {@code /api/v1/status/runtimeinfo}: reloadConfigSuccess, lastConfigTime, … */
    public JsonNode runtimeInfo() throws IOException, InterruptedException {
        return data("status/runtimeinfo");
    }

    /** {@code data} of {@code /api/v1/status/tsdb}: headStats.numSeries, seriesCountByMetricName, … */
    public JsonNode tsdb() throws IOException, InterruptedException {
        return data("status/tsdb");
    }

    /** A Prometheus duration such as {@code 10s}, {@code 1m30s} or {@code 500ms}; zero when there is none. */
    static Duration duration(String text) {
        Duration total = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
        }
        return total;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    private static double number(JsonNode value) throws QueryException {
        String text = value.asString("");
        if (text.equals("+Inf") || text.equals("-Inf")) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new QueryException("a sample value '" + text + "' is not a number");
        }
    }
}
