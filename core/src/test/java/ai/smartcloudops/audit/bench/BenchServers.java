package ai.smartcloudops.audit.bench;

import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmarks' servers (core/src/test/bench/lib.sh): a PostgreSQL server store, and a health URL
 * that writes the wall-clock millisecond of each request it receives to a file, one line per request: the audit's
 * first check is its first probe of that URL. Prints {@code <store JDBC URL> <health URL>} and serves until killed.
 */
public final class BenchServers {

    private BenchServers() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path arrivals = dir.resolve("arrivals.txt");
        EmbeddedPostgres store = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("store"))
                .setCleanDataDirectory(true).start();
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/api/health", exchange -> {
            record(arrivals, System.currentTimeMillis());
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        System.out.println(store.getJdbcUrl("postgres", "postgres") + " http://127.0.0.1:"
                + health.getAddress().getPort() + "/api/health");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static synchronized void record(Path arrivals, long millis) throws IOException {
        Files.writeString(arrivals, millis + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
