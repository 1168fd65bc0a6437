package ai.smartcloudops.audit.check.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.demo.DemoHttpServer.Response;
import ai.smartcloudops.audit.finding.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance: 200 health URLs, 20 of them blackholed (accept, never answer), are audited in less
 * than two timeouts of wall time, and exactly the blackholed ones are reported.
 */
class AppScaleTest {

    private static final int SERVICES = 20;
    private static final int HEALTHY_PER_SERVICE = 9;   // and one blackholed: 200 URLs
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void twoHundredUrlsWithTwentyBlackholedTakeLessThanTwoTimeouts() throws Exception {
        List<DemoHttpServer> healthy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DemoHttpServer server = DemoHttpServer.http(Response.OK);
            open.add(server);
            healthy.add(server);
        }
        List<AppProperties.Service> services = new ArrayList<>();
        List<String> blackholed = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            Map<String, String> urls = new LinkedHashMap<>();
            for (int u = 0; u < HEALTHY_PER_SERVICE; u++) {   // loopback paths are cheap: 18 per server
                urls.put("replica-" + u, healthy.get((s * HEALTHY_PER_SERVICE + u) % healthy.size())
                        .url("/api/health/" + s + "/" + u));
            }
            DemoBlackhole hole = DemoBlackhole.start();
            open.add(hole);
            urls.put("stalled", "http://127.0.0.1:" + hole.port() + "/api/health");
            blackholed.add("svc-" + s + "/stalled");
            services.add(new AppProperties.Service("svc-" + s, null, urls, null, null, null, null));
        }
        AppProperties properties = new AppProperties(services, TIMEOUT, TIMEOUT, null);
        assertThat(services.stream().mapToInt(s -> s.urls().size()).sum()).isEqualTo(200);
        AppTargets targets = new AppTargets(properties);
        // a probe lasts at most connect + read timeout; a blackhole accepts at once, so it costs the read timeout
        Duration timeout = properties.connectTimeout().compareTo(properties.readTimeout()) > 0
                ? properties.connectTimeout() : properties.readTimeout();

        long started = System.nanoTime();
        List<Finding> findings = AppFixtures.run(targets, new AvailabilityCheck(targets), new LatencyCheck(targets));
        Duration wall = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("200 health URLs, 20 blackholed, timeouts " + timeout + ": audited in " + wall.toMillis()
                + " ms");
        assertThat(wall).isLessThan(timeout.multipliedBy(2)).isGreaterThanOrEqualTo(properties.readTimeout());
        assertThat(findings).extracting(f -> f.code().code() + " " + f.resource().name())
                .containsExactlyElementsOf(blackholed.stream().map(name -> "APP-101 " + name).toList());
    }
}
