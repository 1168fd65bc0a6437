package ai.smartcloudops.audit.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's Prometheus, as far as the audit asks it: the instant-query API ({@code /api/v1/query}) answering the
 * SQLAlchemy pool gauges of two applications: the API's pool, exhausted and overflowing (PG-104), and the analytics
 * workers' healthy pool, whose overflow gauge the audit is configured to read under a name their exporter does not
 * have (PG-105). Other queries find no series.
 */
public final class DemoPrometheus implements DemoPart {

    private static final String API = "smartcloudops-api";
    private static final String ANALYTICS = "smartcloudops-analytics";
    /** The overflow gauge the analytics pool is configured with: no exporter has it. */
    private static final String MISSING_OVERFLOW = "sqlalchemy_pool_overflow_total";

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = Map.of(
            "PG-104", "Pool/" + DemoDatabase.NAME,
            "PG-105", "PoolGauge/" + DemoAnalyticsDatabase.NAME + "/overflow");

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
            server.start();
            return new DemoPrometheus(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo Prometheus", e);
        }
    }

    /** Spring arguments that point the demo databases' pool checks at this Prometheus. */
    public List<String> properties() {
        List<String> properties = new ArrayList<>(pool(DemoDatabase.PREFIX, API, "sqlalchemy_pool_overflow"));
        properties.addAll(pool(DemoAnalyticsDatabase.PREFIX, ANALYTICS, MISSING_OVERFLOW));
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
        String result = value == null ? "[]"
                : "[{\"metric\":{},\"value\":[" + System.currentTimeMillis() / 1000.0 + ",\"" + value + "\"]}]";
        byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}")
                .getBytes(StandardCharsets.UTF_8);
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
