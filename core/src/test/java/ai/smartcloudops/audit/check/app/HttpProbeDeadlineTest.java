package ai.smartcloudops.audit.check.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.net.HostileServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The health-URL probe ends at its connect and read timeouts together, however slowly a server answers. */
class HttpProbeDeadlineTest {

    @Test
    void headersTrickledOneByteAtATimeEndAtTheSumOfTheTimeouts() throws Exception {
        try (HostileServer server = new HostileServer()) {
            AppTargets.Endpoint endpoint = new AppTargets.Endpoint("api", "health", server.url("/slow-headers"), 200,
                    Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(1000));
            long started = System.nanoTime();

            Probe probe = new HttpProbe().probe(endpoint);

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(probe.outcome()).isEqualTo(Probe.Outcome.READ_TIMEOUT);
            assertThat(probe.failure())
                    .isEqualTo("no complete response within 1.5s (connect and read timeouts together)");
            // each byte comes within the 1 s read timeout, so only the deadline can end it
            assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(4000));
        }
    }

    @Test
    void theBodyIsNeverReadSoAnEndlessOneCostsNothing() throws Exception {
        try (HostileServer server = new HostileServer()) {
            AppTargets.Endpoint endpoint = new AppTargets.Endpoint("api", "health", server.url("/endless"), 200,
                    Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(1000));

            Probe probe = new HttpProbe().probe(endpoint);

            assertThat(probe.outcome()).isEqualTo(Probe.Outcome.UP);
            assertThat(probe.latency()).isLessThan(Duration.ofSeconds(1));
        }
    }
}
