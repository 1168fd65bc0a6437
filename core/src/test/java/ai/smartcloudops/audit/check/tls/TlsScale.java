package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.BlackholeRun;
import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * TLS endpoints of which some are blackholes (accept, never answer: the handshake stalls until the handshake
 * timeout), audited by the five TLS checks at the default concurrency: {@link TlsScaleTest} runs it small with
 * short timeouts, {@link #main} at the issue's size with the shipped defaults (core/src/test/bench/endpoints.sh).
 */
public final class TlsScale {

    private TlsScale() {
    }

    /** Usage: {@code TlsScale ENDPOINTS BLACKHOLES [CONCURRENCY]}; prints {@link BlackholeRun#line()}. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("tls-scale");
        try {
            System.out.println(run(dir, Integer.parseInt(args[0]), Integer.parseInt(args[1]), null,
                    args.length > 2 ? Integer.valueOf(args[2]) : null).verify().line());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    /**
     * {@code endpoints} endpoints, {@code blackholes} of them blackholes, the others handshaking with a server that
     * serves one certificate under three endpoint names (a server handshakes on one thread, so with fewer servers
     * they, not the audit, would be the bottleneck).
     *
     * @param timeout     connect and handshake timeout, or null for the defaults
     * @param concurrency or null for the default
     */
    static BlackholeRun run(Path dir, int endpoints, int blackholes, Duration timeout, Integer concurrency)
            throws IOException {
        int answering = endpoints - blackholes;
        int servers = (answering + 2) / 3;
        List<DemoBlackhole> holes = new ArrayList<>();
        try (TlsFixtures tls = new TlsFixtures(dir)) {
            // an EC key: the servers' share of the handshakes, in this JVM, costs a fraction of RSA's
            var healthy = TlsFixtures.INTERMEDIATE.issue(DemoCertificates.Spec.server("healthy" + TlsFixtures.DOMAIN,
                    TlsFixtures.NOW, Duration.ofDays(90)).key("EC", 256));
            for (int i = 0; i < servers; i++) {
                tls.serve("healthy-" + i, healthy);
            }
            List<TlsProperties.Endpoint> served = tls.properties().endpoints();
            for (int i = servers; i < answering; i++) {
                tls.endpoint("healthy-" + i, served.get(i % servers).port());
            }
            for (int i = 0; i < answering; i++) {
                tls.set("endpoints[" + i + "].server-name", "healthy" + TlsFixtures.DOMAIN);
            }
            // the blackholes last, the worst order: their timeout begins when the pool reaches them, after the
            // handshakes
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < blackholes; i++) {
                DemoBlackhole hole = DemoBlackhole.start();
                holes.add(hole);
                tls.endpoint("blackhole-" + i, hole.port());
                expected.add("TLS-101 blackhole-" + i);
            }
            if (timeout != null) {
                String millis = timeout.toMillis() + "ms";
                tls.set("connect-timeout", millis).set("handshake-timeout", millis);
            }
            if (concurrency != null) {
                tls.set("concurrency", concurrency.toString());
            }
            TlsProperties properties = tls.properties();
            Duration longer = properties.connectTimeout().compareTo(properties.handshakeTimeout()) > 0
                    ? properties.connectTimeout() : properties.handshakeTimeout();

            // the JVM's first handshakes load and compile its TLS code: that is start-up, not the audit
            try (TlsFixtures warmUp = new TlsFixtures(Files.createDirectory(dir.resolve("warm-up")))) {
                warmUp.serve("warm-up", healthy).set("endpoints[0].server-name", "healthy" + TlsFixtures.DOMAIN);
                for (int i = 0; i < 20; i++) {
                    assertThat(warmUp.runAll()).isEmpty();
                }
            }
            long started = System.nanoTime();
            List<Finding> findings = tls.runAll();
            Duration wall = Duration.ofNanos(System.nanoTime() - started);

            return new BlackholeRun("TLS: " + answering + " handshakes on " + servers + " servers (EC P-256 leaf), "
                    + "concurrency " + properties.concurrency(), endpoints, "connect "
                    + BlackholeRun.shown(properties.connectTimeout()) + ", handshake "
                    + BlackholeRun.shown(properties.handshakeTimeout()), longer, wall, BlackholeRun.reached(holes),
                    findings, expected);
        } finally {
            holes.forEach(DemoBlackhole::close);
        }
    }
}
