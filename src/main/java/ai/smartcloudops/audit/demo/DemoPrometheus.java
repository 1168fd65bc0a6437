package ai.smartcloudops.audit.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The demo's Prometheus, as far as the audit asks it: the instant-query API ({@code /api/v1/query}) answering the
 * application's SQLAlchemy pool gauges of a pool that is exhausted and overflowing. Other queries find no series.
 */
public final class DemoPrometheus implements AutoCloseable {

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = Map.of("PG-104", "Pool/" + DemoDatabase.NAME);

    private static final Map<String, Integer> GAUGES = Map.of(
            "sqlalchemy_pool_size", 20,
            "sqlalchemy_pool_checkedout", 20,
            "sqlalchemy_pool_overflow", 4);
    private static final String SELECTOR = "{app=\"smartcloudops-api\"}";

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

    /** Spring arguments that point the demo database's pool check at this Prometheus. */
    public List<String> properties() {
        String pool = "--health-audit.postgres.databases[0].pool.";
        return List.of(
                pool + "prometheus=http://127.0.0.1:" + server.getAddress().getPort(),
                pool + "size=sum(sqlalchemy_pool_size" + SELECTOR + ")",
                pool + "checked-out=sum(sqlalchemy_pool_checkedout" + SELECTOR + ")",
                pool + "overflow=sum(sqlalchemy_pool_overflow" + SELECTOR + ")");
    }

    private static void query(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawQuery();
        String query = raw == null || !raw.contains("query=") ? ""
                : URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6).split("&")[0], StandardCharsets.UTF_8);
        String result = GAUGES.entrySet().stream().filter(g -> query.equals("sum(" + g.getKey() + SELECTOR + ")"))
                .map(g -> "[{\"metric\":{},\"value\":[" + System.currentTimeMillis() / 1000.0 + ",\"" + g.getValue()
                        + "\"]}]")
                .findFirst().orElse("[]");
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
