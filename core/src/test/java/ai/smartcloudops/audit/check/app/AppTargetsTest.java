package ai.smartcloudops.audit.check.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AppTargetsTest {

    private static AppProperties properties(int services, int urlsEach, int concurrency) {
        List<AppProperties.Service> list = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            Map<String, String> urls = new LinkedHashMap<>();
            for (int u = 0; u < urlsEach; u++) {
                urls.put("u" + u, "http://svc-" + s + ".internal/health/" + u);
            }
            list.add(new AppProperties.Service("svc-" + s, null, urls, null, null, null, null));
        }
        return new AppProperties(list, null, null, concurrency);
    }

    @Test
    void oneTargetPerServiceOfKindHttp() {
        assertThat(new AppTargets(properties(2, 1, 4)).targets())
                .containsExactly(new Target("svc-0", "http"), new Target("svc-1", "http"));
    }

    @Test
    void everyUrlOfEveryServiceIsProbedOncePerRunWhicheverCheckAndTargetAsks() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        AppTargets targets = new AppTargets(properties(3, 2, 4), endpoint -> {
            calls.computeIfAbsent(endpoint.url(), k -> new AtomicInteger()).incrementAndGet();
            return new Probe(endpoint, endpoint.url(), Probe.Outcome.UP, 200, Duration.ofMillis(5), null);
        });
        AppFixtures.run(targets, new AvailabilityCheck(targets), new LatencyCheck(targets));
        assertThat(calls).hasSize(6);
        assertThat(calls.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void noMoreThanConcurrencyUrlsAreProbedAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AppTargets targets = new AppTargets(properties(4, 5, 3), endpoint -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);   // a probe in flight
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new Probe(endpoint, endpoint.url(), Probe.Outcome.UP, 200, Duration.ofMillis(20), null);
        });
        Map<String, List<Probe>> probes = targets.probeAll().byService();
        assertThat(probes.values().stream().mapToInt(List::size).sum()).isEqualTo(20);
        assertThat(probes.keySet()).containsExactly("svc-0", "svc-1", "svc-2", "svc-3");
        assertThat(peak.get()).isLessThanOrEqualTo(3).isGreaterThan(1);
    }
}
