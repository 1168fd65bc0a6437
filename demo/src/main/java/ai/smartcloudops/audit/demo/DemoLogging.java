package ai.smartcloudops.audit.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The demo's log pipeline, as far as the audit asks it, on one loopback HTTP server answering Elasticsearch 8 and
 * Fluentd 1.16 bodies from {@code demo/logging/*.json} (the files the unit tests stub):
 * <ul>
 * <li>{@code elasticsearch} ({@code /red}): red with 12 pending tasks, node elasticsearch-0 past the flood stage and
 *     at 91% heap, and no index for today (yesterday's is red); its logs of the last hour hold 134 failed logins,
 *     3 SECURITY markers, 260 logs that failed to parse and out-of-memory lines from the scheduler and the model
 *     server.</li>
 * <li>{@code elasticsearch-warm} ({@code /yellow}): a one-node cluster not configured as such, so yellow, whose
 *     daily index exists but whose newest log is three hours old.</li>
 * <li>{@code fluentd} ({@code /fluentd}): output out_es retrying now, its buffer 87% full with 41 chunks queued;
 *     out_es_audit flushing slowly.</li>
 * </ul>
 * Every fault is a state of the moment, seen alike by the first and every later run: dates and times are those of
 * the request, and out_es_audit's counters grow with the clock as a running Fluentd's do (as if started at midnight
 * UTC: 4 flushes a second, one of them slow), so a later run sees them grown since the previous one.
 */
public final class DemoLogging implements DemoPart {

    public static final String CLUSTER = "elasticsearch";
    public static final String WARM = "elasticsearch-warm";
    public static final String FLUENTD = "fluentd";
    private static final String PATTERN = "smartcloudops-logs-*";

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = Map.ofEntries(
            Map.entry("LOG-101", "ElasticsearchCluster/" + CLUSTER),
            Map.entry("LOG-102", "ElasticsearchCluster/" + WARM),
            Map.entry("LOG-103", "ElasticsearchCluster/" + CLUSTER),
            Map.entry("LOG-104", "ElasticsearchNode/elasticsearch-0"),
            Map.entry("LOG-105", "ElasticsearchNode/elasticsearch-0"),
            Map.entry("LOG-106", "IndexPattern/" + PATTERN),
            Map.entry("LOG-107", "IndexPattern/" + PATTERN),
            Map.entry("LOG-201", "FluentdOutput/out_es"),
            Map.entry("LOG-202", "FluentdOutput/out_es"),
            Map.entry("LOG-203", "FluentdOutput/out_es"),
            Map.entry("LOG-204", "FluentdOutput/out_es_audit"),
            Map.entry("LOG-301", "IndexPattern/" + PATTERN),
            Map.entry("LOG-302", "Service/smartcloudops-ml, Service/smartcloudops-scheduler"),
            Map.entry("LOG-303", "IndexPattern/" + PATTERN),
            Map.entry("LOG-304", "IndexPattern/" + PATTERN));

    /** Path (below the part's prefix, without the query; a POST's prefixed "POST ") → body file, per prefix. */
    private static final Map<String, Map<String, String>> ROUTES = Map.of(
            "/red", Map.of(
                    "POST /" + PATTERN + "/_search", "es-search-content.json",
                    "/_cluster/health", "es-health-red.json",
                    "/_cluster/settings", "es-cluster-settings.json",
                    "/_cat/allocation", "es-allocation-flood.json",
                    "/_nodes/stats/jvm", "es-nodes-jvm.json",
                    "/_cat/indices/" + PATTERN, "es-indices-yesterday.json"),
            "/yellow", Map.of(
                    "/_cluster/health", "es-health-yellow.json",
                    "/_cluster/settings", "es-cluster-settings.json",
                    "/_cat/allocation", "es-allocation-warm.json",
                    "/_nodes/stats/jvm", "es-nodes-jvm-warm.json",
                    "/_cat/indices/" + PATTERN, "es-indices-today.json",
                    "/" + PATTERN + "/_search", "es-search-newest.json",
                    "POST /" + PATTERN + "/_search", "es-search-content-quiet.json"),
            "/fluentd", Map.of("/api/plugins.json", "fluentd-plugins.json"));

    private static final DateTimeFormatter INDEX_DATE = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final DateTimeFormatter FLUENTD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;

    private DemoLogging(HttpServer server) {
        this.server = server;
    }

    public static DemoLogging start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", DemoLogging::answer);
            server.start();
            return new DemoLogging(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo log pipeline", e);
        }
    }

    /** The base URL of one of the part's APIs: {@code /red}, {@code /yellow} or {@code /fluentd}. */
    public String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    @Override
    public List<String> properties() {
        String es = "--health-audit.logging.elasticsearch";
        String fluentd = "--health-audit.logging.fluentd[0].";
        return List.of(
                es + "[0].name=" + CLUSTER, es + "[0].url=" + url("/red"), es + "[0].timeout=5s",
                es + "[1].name=" + WARM, es + "[1].url=" + url("/yellow"), es + "[1].timeout=5s",
                fluentd + "name=" + FLUENTD, fluentd + "url=" + url("/fluentd"), fluentd + "timeout=5s",
                // a run or two seconds after the previous one sees a slow flush or two: judge those
                fluentd + "thresholds.slow-flushes=1");
    }

    /**
     * A body file with the moment's values filled in: {@code {day}}, {@code {day-1}}, {@code {day-2}} (index dates,
     * UTC), {@code {newest}} and {@code {newest-millis}} (three hours ago), {@code {retry-start}} (40 minutes ago)
     * and {@code {retry-next}} (in 5 minutes), {@code {writes}}, {@code {slow-flushes}} and {@code {emits}} (counters
     * since midnight UTC).
     */
    public static String body(String file, Instant now) {
        String text;
        try (InputStream in = DemoLogging.class.getResourceAsStream("/demo/logging/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no demo/logging/" + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant newest = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        long sinceMidnight = Duration.between(today.atStartOfDay(ZoneOffset.UTC).toInstant(), now).toMillis();
        long writes = sinceMidnight / 250;
        return text.replace("{day}", today.format(INDEX_DATE))
                .replace("{day-1}", today.minusDays(1).format(INDEX_DATE))
                .replace("{day-2}", today.minusDays(2).format(INDEX_DATE))
                .replace("{newest-millis}", String.valueOf(newest.toEpochMilli()))
                .replace("{newest}", newest.toString())
                .replace("{retry-start}", FLUENTD_TIME.format(now.minus(Duration.ofMinutes(40))))
                .replace("{retry-next}", FLUENTD_TIME.format(now.plus(Duration.ofMinutes(5))))
                .replace("{writes}", String.valueOf(writes))
                .replace("{slow-flushes}", String.valueOf(sinceMidnight / 1000))
                .replace("{emits}", String.valueOf(writes * 40));
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = "POST".equals(exchange.getRequestMethod()) ? "POST " : "";
            String file = null;
            for (var route : ROUTES.entrySet()) {
                if (path.startsWith(route.getKey() + "/")) {
                    file = route.getValue().get(method + path.substring(route.getKey().length()));
                }
            }
            byte[] body = (file == null ? "{\"error\":\"no handler for " + path + "\",\"status\":404}"
                    : body(file, Instant.now())).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(file == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
