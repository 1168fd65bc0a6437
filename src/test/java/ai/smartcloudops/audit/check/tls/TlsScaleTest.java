package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.finding.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 endpoints, 20 of them blackholes, at the default concurrency: the run takes less than two of the configured
 * timeouts, however many endpoints stall.
 */
class TlsScaleTest {

    @TempDir
    Path tmp;

    @Test
    @Disabled("the bound does not hold yet: 2.1-2.9 s measured on a loaded 2-core host with a FIFO pool of 32, "
            + "the 20 blackholes probed after the 180 CPU-bound handshakes; the pool design is still open")
    void twoHundredEndpointsWithTwentyBlackholesTakeLessThanTwoTimeouts() {
        List<DemoBlackhole> blackholes = new ArrayList<>();
        try (TlsFixtures tls = new TlsFixtures(tmp)) {
            // 60 servers, each under three endpoint names, serving one certificate: a server handshakes on one
            // thread, so the servers, not the audit, would be the bottleneck with fewer
            var healthy = TlsFixtures.leaf("healthy", Duration.ofDays(90));
            for (int i = 0; i < 60; i++) {
                tls.serve("healthy-" + i, healthy);
            }
            List<TlsProperties.Endpoint> served = tls.properties().endpoints();
            for (int i = 60; i < 180; i++) {
                tls.endpoint("healthy-" + i, served.get(i % 60).port());
            }
            for (int i = 0; i < 180; i++) {
                tls.set("endpoints[" + i + "].server-name", "healthy" + TlsFixtures.DOMAIN);
            }
            for (int i = 0; i < 20; i++) {
                DemoBlackhole blackhole = DemoBlackhole.start();
                blackholes.add(blackhole);
                tls.endpoint("blackhole-" + i, blackhole.port());
            }
            tls.set("connect-timeout", "1s").set("handshake-timeout", "1s");
            TlsProperties properties = tls.properties();
            assertThat(properties.endpoints()).hasSize(200);
            assertThat(properties.concurrency()).isEqualTo(32);
            Duration timeout = properties.connectTimeout().compareTo(properties.handshakeTimeout()) > 0
                    ? properties.connectTimeout() : properties.handshakeTimeout();

            long start = System.nanoTime();
            List<Finding> findings = tls.runAll();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            System.out.println("200 endpoints, 20 blackholes: " + took.toMillis() + " ms (bound "
                    + timeout.multipliedBy(2).toMillis() + " ms)");
            assertThat(took).isLessThan(timeout.multipliedBy(2));
            assertThat(findings).extracting(f -> f.code() + " " + f.resource().name()).containsExactlyInAnyOrderElementsOf(
                    blackholes.stream().map(b -> "TLS-101 blackhole-" + blackholes.indexOf(b)).toList());
        } finally {
            blackholes.forEach(DemoBlackhole::close);
        }
    }
}
