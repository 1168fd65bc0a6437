package ai.smartcloudops.audit.check.app;

import static ai.smartcloudops.audit.check.app.AppFixtures.run;
import static ai.smartcloudops.audit.check.app.AppFixtures.service;
import static ai.smartcloudops.audit.check.app.AppFixtures.targets;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.demo.DemoHttpServer.Response;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aUrlSlowerThanItsServicesThresholdIsApp103AndAFastOneBesideItIsNot() throws Exception {
        try (DemoHttpServer slow = DemoHttpServer.http(new Response(200, Duration.ofMillis(400)));
             DemoHttpServer fast = DemoHttpServer.http(Response.OK)) {
            AppTargets targets = targets(TIMEOUT, service("web", Duration.ofMillis(150),
                    "slow", slow.url("/api/health"), "fast", fast.url("/api/health")));

            assertThat(run(targets, new LatencyCheck(targets), new AvailabilityCheck(targets)))
                    .singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("APP-103");
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.resource()).isEqualTo(new Resource("URL", null, "web/slow"));
                        assertThat(f.title()).matches("web/slow answered in (4\\d\\d|[5-9]\\d\\d)ms, slower than 150ms");
                        assertThat(f.evidence()).containsEntry("threshold", "150ms")
                                .containsEntry("url", slow.url("/api/health"));
                        assertThat(f.remediation())
                                .contains("time curl -sk -o /dev/null --max-time 10 '" + slow.url("/api/health") + "'")
                                .contains("histogram_quantile(0.95, rate(flask_request_duration_seconds_bucket[5m]))")
                                .contains("kubectl rollout restart deployment/web -n smartcloudops")
                                .contains("kubectl scale deployment web --replicas=10 -n smartcloudops");
                    });
        }
    }

    @Test
    void aSlowErrorIsDownNotSlow() throws Exception {
        try (DemoHttpServer slowError = DemoHttpServer.http(new Response(503, Duration.ofMillis(300)));
             DemoHttpServer fast = DemoHttpServer.http(Response.OK)) {
            AppTargets targets = targets(TIMEOUT, service("web", Duration.ofMillis(100),
                    "a", slowError.url("/"), "b", fast.url("/")));
            assertThat(run(targets, new LatencyCheck(targets))).isEmpty();
            assertThat(run(targets, new AvailabilityCheck(targets))).extracting(f -> f.code().code())
                    .containsExactly("APP-101");
        }
    }

    /** The threshold's edge, with probes that report a given latency. */
    private static List<Finding> latencyOf(Duration latency, Duration threshold) throws Exception {
        AppProperties properties = new AppProperties(List.of(service("web", threshold, "edge",
                "http://web.internal/api/health")), null, null, null);
        AppTargets targets = new AppTargets(properties, endpoint -> new Probe(endpoint, endpoint.url(),
                Probe.Outcome.UP, 200, latency, null));
        return run(targets, new LatencyCheck(targets));
    }

    @Test
    void exactlyAtTheThresholdIsNotSlowAndOneMillisecondAboveIs() throws Exception {
        Duration threshold = Duration.ofSeconds(2);
        assertThat(latencyOf(threshold.minusMillis(1), threshold)).isEmpty();
        assertThat(latencyOf(threshold, threshold)).isEmpty();
        assertThat(latencyOf(threshold.plusMillis(1), threshold)).singleElement().satisfies(f ->
                assertThat(f.title()).isEqualTo("web/edge answered in 2.001s, slower than 2s"));
    }
}
