package ai.smartcloudops.audit.check.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}). */
public final class PrometheusApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration timeout;

    public PrometheusApi(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** One series of an instant vector: its labels and value. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** Prometheus answered, but not with data: a bad expression, a timeout, an unexpected result type. */
    public static final class QueryException extends IOException {
        public QueryException(String message) {
            super(message);
        }
    }

    /** The instant vector of {@code expression} at {@code base}; a scalar answer is one sample without labels. */
    public List<Sample> query(URI base, String expression) throws IOException, InterruptedException {
        URI uri = URI.create(base.toString().replaceAll("/$", "") + "/api/v1/query?query="
                + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new QueryException("HTTP " + response.statusCode() + " from " + base + " is not the Prometheus API");
        }
        if (!"success".equals(body.path("status").asString())) {
            throw new QueryException(body.path("errorType").asString("error") + ": "
                    + body.path("error").asString("HTTP " + response.statusCode()));
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asString();
        List<Sample> samples = new ArrayList<>();
        if ("scalar".equals(type)) {
            samples.add(new Sample(Map.of(), Double.parseDouble(data.path("result").get(1).asString())));
        } else if ("vector".equals(type)) {
            for (JsonNode series : data.path("result")) {
                Map<String, String> labels = new LinkedHashMap<>();
                series.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
                samples.add(new Sample(labels, Double.parseDouble(series.path("value").get(1).asString())));
            }
        } else {
            throw new QueryException("expected an instant vector, got " + type);
        }
        return samples;
    }
}
