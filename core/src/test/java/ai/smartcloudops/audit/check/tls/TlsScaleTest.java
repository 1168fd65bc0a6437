package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 endpoints, 20 of them blackholes, at the default concurrency: the run takes less than two of the configured
 * timeouts — the blackholes stall side by side, as long as no more of them stall than the pool has threads.
 */
class TlsScaleTest {

    @TempDir
    Path tmp;

    @Test
    void twoHundredEndpointsWithTwentyBlackholesWaitForTheBlackholesSideBySide() throws Exception {
        List<DemoBlackhole> blackholes = new ArrayList<>();
        try (TlsFixtures tls = new TlsFixtures(tmp)) {
            // 60 servers, each under three endpoint names, serving one certificate: a server handshakes on one
            // thread, so the servers, not the audit, would be the bottleneck with fewer
            // an EC key: the servers' share of the handshakes, in this JVM, costs a fraction of RSA's
            var healthy = TlsFixtures.INTERMEDIATE.issue(DemoCertificates.Spec.server("healthy" + TlsFixtures.DOMAIN,
                    TlsFixtures.NOW, Duration.ofDays(90)).key("EC", 256));
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
            // the 180 handshakes, client and servers both in this JVM, take about a second of this machine's two
            // cores: timeouts of twice that keep the bound about the blackholes, not about the machine's speed
            tls.set("connect-timeout", "2s").set("handshake-timeout", "2s");
            TlsProperties properties = tls.properties();
            assertThat(properties.endpoints()).hasSize(200);
            assertThat(properties.concurrency()).isEqualTo(32);
            Duration timeout = properties.connectTimeout().compareTo(properties.handshakeTimeout()) > 0
                    ? properties.connectTimeout() : properties.handshakeTimeout();

            // the JVM's first handshakes load and compile its TLS code: that is start-up, not the audit
            try (TlsFixtures warmUp = new TlsFixtures(Files.createDirectory(tmp.resolve("warm-up")))) {
                warmUp.serve("warm-up", healthy).set("endpoints[0].server-name", "healthy" + TlsFixtures.DOMAIN);
                for (int i = 0; i < 20; i++) {
                    assertThat(warmUp.runAll()).isEmpty();
                }
            }
            List<Finding> findings = tls.runAll();

            // every blackhole was reached before the first one reached timed out: they were waited for side by side,
            // not one after another (how long the run takes is docs/benchmarks.md's business, not a test's)
            List<Long> reached = blackholes.stream().map(b -> {
                assertThat(b.accepted()).hasSize(1);
                return b.accepted().get(0);
            }).sorted().toList();
            assertThat(Duration.ofNanos(reached.get(reached.size() - 1) - reached.get(0))).isLessThan(timeout);
            assertThat(findings).extracting(f -> f.code().code() + " " + f.resource().name()).containsExactlyInAnyOrderElementsOf(
                    blackholes.stream().map(b -> "TLS-101 blackhole-" + blackholes.indexOf(b)).toList());
        } finally {
            blackholes.forEach(DemoBlackhole::close);
        }
    }
}
