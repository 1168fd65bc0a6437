package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.BlackholeRun;
import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.demo.DemoHttpServer.Response;
import ai.smartcloudops.audit.finding.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health URLs of which some are blackholed (accept, never answer: the GET waits for the read timeout), probed by
 * the APP checks at the default concurrency: {@link AppScaleTest} runs it small with short timeouts, {@link #main}
 * at the size with the shipped defaults (core/src/test/bench/endpoints.sh).
 */
public final class AppScale {

    private AppScale() {
    }

    /** Usage: {@code AppScale URLS BLACKHOLED [CONCURRENCY]}; prints {@link BlackholeRun#line()}. */
    public static void main(String[] args) throws Exception {
        System.out.println(run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), null,
                args.length > 2 ? Integer.valueOf(args[2]) : null).verify().line());
        System.exit(0);
    }

    /**
     * One service per blackholed URL, each with {@code urls / blackholed} URLs of which the last is the blackholed
     * one, the others paths of ten loopback servers answering 200.
     *
     * @param timeout     connect and read timeout, or null for the defaults
     * @param concurrency or null for the default
     */
    static BlackholeRun run(int urls, int blackholed, Duration timeout, Integer concurrency) throws Exception {
        if (urls % blackholed != 0) {
            throw new IllegalArgumentException("one blackholed URL per service: URLS must be a multiple of BLACKHOLED");
        }
        List<AutoCloseable> open = new ArrayList<>();
        try {
            List<DemoHttpServer> healthy = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                DemoHttpServer server = DemoHttpServer.http(Response.OK);
                open.add(server);
                healthy.add(server);
            }
            int answeringPerService = urls / blackholed - 1;
            List<AppProperties.Service> services = new ArrayList<>();
            List<DemoBlackhole> holes = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int s = 0; s < blackholed; s++) {
                Map<String, String> paths = new LinkedHashMap<>();
                for (int u = 0; u < answeringPerService; u++) {
                    paths.put("replica-" + u, healthy.get((s * answeringPerService + u) % healthy.size())
                            .url("/api/health/" + s + "/" + u));
                }
                DemoBlackhole hole = DemoBlackhole.start();
                open.add(hole);
                holes.add(hole);
                paths.put("stalled", "http://127.0.0.1:" + hole.port() + "/api/health");
                expected.add("APP-101 svc-" + s + "/stalled");
                services.add(new AppProperties.Service("svc-" + s, null, paths, null, null, null, null));
            }
            AppProperties properties = new AppProperties(services, timeout, timeout, concurrency);
            AppTargets targets = new AppTargets(properties);
            // a probe lasts at most connect + read timeout; a blackhole accepts at once, so it costs the read timeout
            Duration longer = properties.connectTimeout().compareTo(properties.readTimeout()) > 0
                    ? properties.connectTimeout() : properties.readTimeout();

            long started = System.nanoTime();
            List<Finding> findings = AppFixtures.run(targets, new AvailabilityCheck(targets),
                    new LatencyCheck(targets));
            Duration wall = Duration.ofNanos(System.nanoTime() - started);

            return new BlackholeRun("APP: " + (urls - blackholed) + " health URLs answering 200 on 10 servers, one GET "
                    + "each, concurrency " + properties.concurrency(), urls, "connect "
                    + BlackholeRun.shown(properties.connectTimeout()) + ", read "
                    + BlackholeRun.shown(properties.readTimeout()), longer, wall, BlackholeRun.reached(holes),
                    findings, expected);
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }
}
