package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured services as targets (kind {@code http}), and the probe of their health URLs: every URL of every
 * service is fetched once per run, by whichever APP check asks first, on one pool of
 * {@code min(concurrency, URLs)} threads.
 *
 * <p>The wall-time bound. A probe ends within connect-timeout + read-timeout of its start: a blackhole (accepts,
 * never answers) costs the read timeout, a dropped SYN the connect timeout, a refused or healthy URL a round trip.
 * With P threads and at most P URLs stalling at once, the stalled probes hold P of the threads while the others
 * work through the fast URLs, so the probe of N URLs takes about one (connect or read) timeout plus N/P round
 * trips. With S > P stalling URLs it takes about ceil(S/P) timeouts: keep {@code concurrency} above the number
 * of URLs that can be down at once (the default 64 covers 500 URLs with 50 blackholed in one read timeout).
 * A server that trickles its headers a byte at a time within the read timeout is not bounded by it.
 */
@Component
@EnableConfigurationProperties(AppProperties.class)
public class AppTargets {

    static final String KIND = "http";

    /** One GET of one URL; never throws, a failure is a {@link Probe} that is not up. */
    interface Prober {
        Probe probe(Endpoint endpoint);
    }

    /** A URL to probe, with the limits of its service. */
    record Endpoint(String service, String name, String url, int expectedStatus, Duration latency,
                    Duration connectTimeout, Duration readTimeout) {

        @Override
        public String toString() {   // the URL may carry a token
            return "Endpoint[" + service + "/" + name + "]";
        }
    }

    private final AppProperties properties;
    private final Prober prober;

    @Autowired
    public AppTargets(AppProperties properties) {
        this(properties, new HttpProbe());
    }

    AppTargets(AppProperties properties, Prober prober) {
        this.properties = properties;
        this.prober = prober;
    }

    public AppProperties properties() {
        return properties;
    }

    public List<Target> targets() {
        return properties.services().stream().map(s -> new Target(s.name(), KIND)).toList();
    }

    private AppProperties.Service service(CheckContext context) {
        return properties.services().stream().filter(s -> s.name().equals(context.target().name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + context.target().name()));
    }

    /** The probes of every service's URLs in a run, by service name. */
    record Probes(Map<String, List<Probe>> byService) {

        Probes {
            byService = Collections.unmodifiableMap(new LinkedHashMap<>(byService));
        }
    }

    /**
     * The snapshot of the context's service, its probes in configuration order: every service's URLs are probed
     * once per run, on the first check's asking.
     */
    AppSnapshot snapshot(CheckContext context) {
        AppProperties.Service service = service(context);
        return context.shared(SharedKey.of("app.snapshot", AppSnapshot.class), () -> new AppSnapshot(service,
                context.sharedByRun(SharedKey.of("app.probes", Probes.class), this::probeAll).byService()
                        .getOrDefault(service.name(), List.of())));
    }

    /** Every URL of every service, once, concurrently on a bounded pool. */
    Probes probeAll() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (AppProperties.Service s : properties.services()) {
            s.urls().forEach((name, url) -> endpoints.add(new Endpoint(s.name(), name, url, s.expectedStatus(),
                    s.latency(), properties.connectTimeoutOf(s), properties.readTimeoutOf(s))));
        }
        if (endpoints.isEmpty()) {
            return new Probes(Map.of());
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(properties.concurrency(), endpoints.size()),
                r -> {
                    Thread thread = new Thread(r, "app-probe-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<Probe>> futures = new ArrayList<>();
            for (Endpoint endpoint : endpoints) {
                futures.add(pool.submit(() -> prober.probe(endpoint)));
            }
            List<Probe> probes = new ArrayList<>();
            for (Future<Probe> future : futures) {
                probes.add(future.get());
            }
            return new Probes(probes.stream().collect(Collectors.groupingBy(p -> p.endpoint().service(),
                    LinkedHashMap::new, Collectors.toList())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("probing the health URLs was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("probing the health URLs failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A URL as a resource: {@code <service>/<url name>}, stable when the URL's host or port changes. */
    static Resource resource(Endpoint endpoint) {
        return new Resource("URL", null, endpoint.service() + "/" + endpoint.name());
    }

    static Resource resource(AppProperties.Service service) {
        return new Resource("Service", null, service.name());
    }
}
