package ai.smartcloudops.audit.demo;

import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.demo.DemoHttpServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's application: three services behind loopback health endpoints.
 * <ul>
 *   <li>{@code smartcloudops-api}: replica-1 healthy, replica-2 answering 503, replica-3 healthy over HTTPS with
 *       a self-signed certificate (the probe ignores certificate problems: up);</li>
 *   <li>{@code smartcloudops-reports}: both replicas answering 500 and 503, the whole service down;</li>
 *   <li>{@code smartcloudops-frontend}: healthy but answering after 300 ms.</li>
 * </ul>
 * URLs are named per service, so findings name {@code smartcloudops-api/replica-2} whatever port it got.
 */
public final class DemoApp implements DemoPart {

    public static final String API = "smartcloudops-api";
    public static final String REPORTS = "smartcloudops-reports";
    public static final String FRONTEND = "smartcloudops-frontend";

    /** The faults, by the code each one raises. */
    public static final Map<String, String> FAULTS = Map.of(
            "APP-101", "URL/" + API + "/replica-2",      // one replica of three answers 503
            "APP-102", "Service/" + REPORTS,             // every replica down: P0
            "APP-103", "URL/" + FRONTEND + "/ingress");  // 300 ms against a 100 ms threshold

    /** How late the frontend answers. */
    static final Duration FRONTEND_DELAY = Duration.ofMillis(300);
    /**
     * The frontend's latency threshold. The guide's 2 s would need a frontend answering after more than 2 s in
     * every demo run; the same fault at a tenth of the scale keeps the demo fast: 300 ms against 100 ms.
     */
    static final Duration FRONTEND_LATENCY = Duration.ofMillis(100);
    private static final String PATH = "/api/health";

    private final List<DemoHttpServer> servers;
    /** service → (url name → url). */
    private final Map<String, Map<String, String>> services;

    private DemoApp(List<DemoHttpServer> servers, Map<String, Map<String, String>> services) {
        this.servers = servers;
        this.services = services;
    }

    public static DemoApp start() {
        List<DemoHttpServer> servers = new ArrayList<>();
        try {
            Instant now = Instant.now();
            Issued selfSigned = DemoCertificates.selfSigned(Spec.server("localhost", now, Duration.ofDays(90)));
            Map<String, Map<String, String>> services = new LinkedHashMap<>();
            services.put(API, urls(
                    "replica-1", start(servers, DemoHttpServer.http(Response.OK)),
                    "replica-2", start(servers, DemoHttpServer.http(new Response(503, Duration.ZERO))),
                    "replica-3", start(servers, DemoHttpServer.https(Response.OK, selfSigned.chain(),
                            selfSigned.key()))));
            services.put(REPORTS, urls(
                    "replica-1", start(servers, DemoHttpServer.http(new Response(500, Duration.ZERO))),
                    "replica-2", start(servers, DemoHttpServer.http(new Response(503, Duration.ZERO)))));
            services.put(FRONTEND, urls(
                    "ingress", start(servers, DemoHttpServer.http(new Response(200, FRONTEND_DELAY)))));
            return new DemoApp(servers, services);
        } catch (RuntimeException e) {
            servers.forEach(DemoHttpServer::close);
            throw e;
        }
    }

    private static String start(List<DemoHttpServer> servers, DemoHttpServer server) {
        servers.add(server);
        return server.url(PATH);
    }

    private static Map<String, String> urls(String... nameThenUrl) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (int i = 0; i < nameThenUrl.length; i += 2) {
            urls.put(nameThenUrl[i], nameThenUrl[i + 1]);
        }
        return urls;
    }

    /** Spring arguments that point the audit at these services. */
    @Override
    public List<String> properties() {
        List<String> args = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Map<String, String>> service : services.entrySet()) {
            String prefix = "--health-audit.app.services[" + i++ + "].";
            args.add(prefix + "name=" + service.getKey());
            service.getValue().forEach((name, url) -> args.add(prefix + "urls." + name + "=" + url));
            if (service.getKey().equals(FRONTEND)) {
                args.add(prefix + "latency=" + FRONTEND_LATENCY.toMillis() + "ms");
            }
        }
        return args;
    }

    @Override
    public void close() {
        servers.forEach(DemoHttpServer::close);
    }
}
