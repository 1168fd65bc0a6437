package ai.smartcloudops.audit.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTP or HTTPS endpoint on the loopback interface that answers every request with one status after a delay:
 * a healthy API, a slow one, a 503. Over HTTPS it serves exactly the chain it is given — leave an intermediate
 * out and clients see an incomplete chain.
 */
public final class DemoHttpServer implements AutoCloseable {

    /** What every request gets: {@code status} after {@code delay}. */
    public record Response(int status, Duration delay) {

        public static final Response OK = new Response(200, Duration.ZERO);

        public Response {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status " + status + " is not in 100..599");
            }
        }
    }

    private static final String BODY = "{\"status\":\"%s\"}";
    private static final char[] STORE_PASSWORD = "demo".toCharArray();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String scheme;

    private DemoHttpServer(HttpServer server, ExecutorService executor, String scheme) {
        this.server = server;
        this.executor = executor;
        this.scheme = scheme;
    }

    public static DemoHttpServer http(Response response) {
        try {
            return start(HttpServer.create(loopback(), 0), "http", response);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an HTTP endpoint", e);
        }
    }

    /** An HTTPS endpoint that serves {@code chain} (leaf first) with the leaf's {@code key}. */
    public static DemoHttpServer https(Response response, List<X509Certificate> chain, PrivateKey key) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("endpoint", key, STORE_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
            keys.init(store, STORE_PASSWORD);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return start(server, "https", response);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an HTTPS endpoint", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serve " + chain.get(0).getSubjectX500Principal() + ": "
                    + e.getMessage(), e);
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static DemoHttpServer start(HttpServer server, String scheme, Response response) {
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "demo-" + scheme + "-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, response));
        server.start();
        return new DemoHttpServer(server, executor, scheme);
    }

    private static void answer(HttpExchange exchange, Response response) throws IOException {
        try (exchange) {
            if (!response.delay().isZero()) {
                Thread.sleep(response.delay().toMillis());
            }
            byte[] body = BODY.formatted(response.status() < 400 ? "healthy" : "unavailable")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL of {@code path} on this endpoint, e.g. {@code https://127.0.0.1:40123/api/health}. */
    public String url(String path) {
        return scheme + "://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
