package ai.smartcloudops.audit.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's Prometheus, as far as the audit asks it. The instant-query API ({@code /api/v1/query}) answers the
 * SQLAlchemy pool gauges of two applications: the API's pool, exhausted and overflowing (PG-104), and the analytics
 * workers' healthy pool, whose overflow gauge the audit is configured to read under a name their exporter does not
 * have (PG-105); and the configured PromQL checks from {@code demo/prometheus/queries.json}: p95 latency above 2s
 * (PROM-110), authentication failures (PROM-111), pod restarts (PROM-112) and a worker queue gauge that no exporter
 * has (PROM-108); and the kubelet's volume statistics: the task broker's data volume 11.8% free and full within 4
 * days at its rate (PROM-113), beside the scheduler's 14.2% free and not filling; and cAdvisor's CFS counters: the
 * ML container throttled in 62% of its periods (PROM-114). Other queries find no series. Targets, alerts, rules, Alertmanagers, runtime and TSDB status are
 * the bodies in {@code demo/prometheus/*.json}, shared with the tests: the API's scrape job down (PROM-101, P0 as a
 * critical job), kube-state-metrics scraped at 92% of its timeout (PROM-102), APIHighLatency firing for hours
 * (PROM-103), a rule failing to evaluate (PROM-104), no Alertmanager (PROM-105), a failed config reload (PROM-106)
 * and 2.3 million head series (PROM-107).
 */
public final class DemoPrometheus implements DemoPart {

    private static final String API = "smartcloudops-api";
    private static final String ANALYTICS = "smartcloudops-analytics";
    /** The overflow gauge the analytics pool is configured with: no exporter has it. */
    private static final String MISSING_OVERFLOW = "sqlalchemy_pool_overflow_total";

    /** The name findings give the demo's Prometheus server. */
    public static final String SERVER = "smartcloudops-prometheus";
    /** The bodies the demo serves, also read by the tests. */
    public static final String RESOURCES = "/demo/prometheus/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The configured PromQL checks: name, expression, code, threshold. */
    private static final List<List<String>> QUERIES = List.of(
            List.of("api-p95-latency", "histogram_quantile(0.95, rate(flask_request_duration_seconds_bucket[5m]))",
                    "PROM-110", "2"),
            List.of("auth-failure-rate", "rate(authentication_failures_total[5m])", "PROM-111", "0.5"),
            List.of("pod-restarts", "sum by (pod) (increase(kube_pod_container_status_restarts_total"
                    + "{namespace=\"smartcloudops\"}[1h]))", "PROM-112", "3"),
            List.of("worker-queue-depth", "sum(celery_queue_length{queue=\"smartcloudops-tasks\"})", "PROM-112",
                    "100"));

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = Map.ofEntries(
            Map.entry("PG-104", "Pool/" + DemoDatabase.NAME),
            Map.entry("PG-105", "PoolGauge/" + DemoAnalyticsDatabase.NAME + "/overflow"),
            Map.entry("PROM-101", "ScrapeJob/smartcloudops-api"),
            Map.entry("PROM-102", "ScrapeJob/kube-state-metrics"),
            Map.entry("PROM-103", "Alert/APIHighLatency"),
            Map.entry("PROM-104", "Rule/smartcloudops-api/APIErrorRateHigh"),
            Map.entry("PROM-105", "Prometheus/" + SERVER),
            Map.entry("PROM-106", "Prometheus/" + SERVER),
            Map.entry("PROM-107", "Prometheus/" + SERVER),
            Map.entry("PROM-108", "Query/worker-queue-depth"),
            Map.entry("PROM-110", "Query/api-p95-latency"),
            Map.entry("PROM-111", "Query/auth-failure-rate"),
            Map.entry("PROM-112", "Query/pod-restarts"),
            Map.entry("PROM-113", "PersistentVolumeClaim/smartcloudops/data-smartcloudops-rabbitmq-0"),
            Map.entry("PROM-114", "Container/smartcloudops/smartcloudops-ml-8c9d0e1f2a-p6q7r/smartcloudops-ml"));

    /** The answers of the configured PromQL checks: expression → result. */
    private static final JsonNode QUERY_RESULTS = JSON.readTree(body("queries.json"));

    /** The series there are: query → value. */
    private static final Map<String, Integer> SERIES = Map.of(
            sum("sqlalchemy_pool_size", API), 20,
            sum("sqlalchemy_pool_checkedout", API), 20,
            sum("sqlalchemy_pool_overflow", API), 4,
            sum("sqlalchemy_pool_size", ANALYTICS), 10,
            sum("sqlalchemy_pool_checkedout", ANALYTICS), 3);

    private final HttpServer server;

    private DemoPrometheus(HttpServer server) {
        this.server = server;
    }

    public static DemoPrometheus start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/query", DemoPrometheus::query);
            for (String path : List.of("targets", "alerts", "rules", "alertmanagers", "status/runtimeinfo",
                    "status/tsdb")) {
                byte[] body = body(path.replace("status/", "") + ".json").getBytes(StandardCharsets.UTF_8);
                server.createContext("/api/v1/" + path, exchange -> send(exchange, body));
            }
            server.start();
            return new DemoPrometheus(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo Prometheus", e);
        }
    }

    /** A body the demo serves, e.g. {@code targets.json}. */
    public static String body(String name) {
        try (InputStream in = DemoPrometheus.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Spring arguments that point the demo databases' pool checks and the Prometheus checks at this Prometheus: the
     * server, with the API's scrape job critical, and the configured PromQL checks.
     */
    @Override
    public List<String> properties() {
        List<String> properties = new ArrayList<>(pool(DemoDatabase.PREFIX, API, "sqlalchemy_pool_overflow"));
        properties.addAll(pool(DemoAnalyticsDatabase.PREFIX, ANALYTICS, MISSING_OVERFLOW));
        String prometheus = "--health-audit.prometheus.";
        properties.add(prometheus + "servers[0].name=" + SERVER);
        properties.add(prometheus + "servers[0].url=" + url());
        properties.add(prometheus + "servers[0].critical-jobs[0]=smartcloudops-api");
        for (int i = 0; i < QUERIES.size(); i++) {
            List<String> query = QUERIES.get(i);
            String prefix = prometheus + "queries[" + i + "].";
            properties.add(prefix + "name=" + query.get(0));
            properties.add(prefix + "expression=" + query.get(1));
            properties.add(prefix + "code=" + query.get(2));
            properties.add(prefix + "threshold=" + query.get(3));
        }
        return properties;
    }

    private List<String> pool(String database, String app, String overflow) {
        String pool = database + "pool.";
        return List.of(
                pool + "prometheus=http://127.0.0.1:" + server.getAddress().getPort(),
                pool + "size=" + sum("sqlalchemy_pool_size", app),
                pool + "checked-out=" + sum("sqlalchemy_pool_checkedout", app),
                pool + "overflow=" + sum(overflow, app));
    }

    private static String sum(String gauge, String app) {
        return "sum(" + gauge + "{app=\"" + app + "\"})";
    }

    private static void query(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawQuery();
        String query = raw == null || !raw.contains("query=") ? ""
                : URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6).split("&")[0], StandardCharsets.UTF_8);
        Integer value = SERIES.get(query);
        String result = value != null
                ? "[{\"metric\":{},\"value\":[" + System.currentTimeMillis() / 1000.0 + ",\"" + value + "\"]}]"
                : QUERY_RESULTS.has(query) ? QUERY_RESULTS.get(query).toString() : "[]";
        send(exchange, ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result
                + "}}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
