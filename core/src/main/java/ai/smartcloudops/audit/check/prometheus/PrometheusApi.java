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

    static final String TARGETS = "targets?state=active";
    static final String ALERTS = "alerts";
    static final String RULES = "rules";
    static final String ALERTMANAGERS = "alertmanagers";
    static final String RUNTIME_INFO = "status/runtimeinfo";
    static final String TSDB = "status/tsdb";
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
        return samples(data("query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)));
    }

    public List<ScrapeTarget> targets() throws IOException, InterruptedException {
        return targets(data(TARGETS));
    }

    public List<Alert> alerts() throws IOException, InterruptedException {
        return alerts(data(ALERTS));
    }

    public List<Rule> rules() throws IOException, InterruptedException {
        return rules(data(RULES));
    }

    /** {@code data} of {@code /api/v1/alertmanagers}: activeAlertmanagers and droppedAlertmanagers. */
    public JsonNode alertmanagers() throws IOException, InterruptedException {
        return data(ALERTMANAGERS);
    }

    /** {@code data} of {@code /api/v1/status/runtimeinfo}: reloadConfigSuccess, lastConfigTime, … */
    public JsonNode runtimeInfo() throws IOException, InterruptedException {
        return data(RUNTIME_INFO);
    }

    /** {@code data} of {@code /api/v1/status/tsdb}: headStats.numSeries, seriesCountByMetricName, … */
    public JsonNode tsdb() throws IOException, InterruptedException {
        return data(TSDB);
    }

    /** The samples of a query answer's {@code data}. */
    static List<Sample> samples(JsonNode data) throws QueryException {
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

    /** The scrape targets of a {@code /api/v1/targets} answer's {@code data}. */
    static List<ScrapeTarget> targets(JsonNode data) {
        List<ScrapeTarget> targets = new ArrayList<>();
        for (JsonNode t : data.path("activeTargets")) {
            targets.add(new ScrapeTarget(t.path("scrapePool").asString(t.path("labels").path("job").asString("")),
                    strings(t.path("labels")), t.path("scrapeUrl").asString(""), t.path("health").asString("unknown"),
                    t.path("lastError").asString(""), t.path("lastScrapeDuration").asDouble(0),
                    duration(t.path("scrapeTimeout").asString(""))));
        }
        return targets;
    }

    /** The alerts of a {@code /api/v1/alerts} answer's {@code data}. */
    static List<Alert> alerts(JsonNode data) throws QueryException {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode a : data.path("alerts")) {
            String activeAt = a.path("activeAt").asString("");
            alerts.add(new Alert(strings(a.path("labels")), strings(a.path("annotations")), a.path("state").asString(),
                    activeAt.isEmpty() ? null : instant(activeAt), a.path("value").asString("")));
        }
        return alerts;
    }

    /** The rules of a {@code /api/v1/rules} answer's {@code data}. */
    static List<Rule> rules(JsonNode data) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : data.path("groups")) {
            for (JsonNode r : group.path("rules")) {
                rules.add(new Rule(group.path("name").asString(), group.path("file").asString(""),
                        r.path("name").asString(), r.path("type").asString(), r.path("query").asString(""),
                        r.path("health").asString("unknown"), r.path("lastError").asString("")));
            }
        }
        return rules;
    }

    /**
     * A Prometheus duration such as {@code 10s}, {@code 1m30s} or {@code 500ms}; zero when there is none, or when it
     * is too long to be one (no scrape timeout is a century).
     */
    static Duration duration(String text) {
        Duration total = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(text);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    case "w" -> Duration.ofDays(Math.multiplyExact(7, n));
                    default -> Duration.ofDays(Math.multiplyExact(365, n));
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return Duration.ZERO;
        }
        return total;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    /** An alert's activeAt; one Prometheus did not write as RFC 3339 is not the API's answer. */
    private static Instant instant(String text) throws QueryException {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new QueryException("an alert's activeAt '" + text + "' is not a time");
        }
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
