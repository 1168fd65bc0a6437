package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsHandshakeCheckTest {

    @TempDir
    Path dir;

    @Test
    void aBlackholedPortIsTls101WithinTheHandshakeTimeoutBesideAHealthyEndpoint() {
        try (DemoBlackhole blackhole = DemoBlackhole.start();
             TlsFixtures tls = new TlsFixtures(dir).serve("healthy", TlsFixtures.leaf("healthy", Duration.ofDays(90)))
                     .endpoint("blackhole", blackhole.port()).set("handshake-timeout", "700ms")) {
            long start = System.nanoTime();
            List<Finding> findings = tls.runAll();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isLessThan(5_000);
            assertThat(findings).hasSize(1);
            Finding f = findings.get(0);
            assertThat(f.code().code() + " " + f.severity() + " " + f.resource().path() + " " + f.checkId())
                    .isEqualTo("TLS-101 P1 Endpoint/blackhole tls.handshake");
            assertThat(f.title()).isEqualTo("TLS handshake with " + tls.at("blackhole") + " failed: no TLS handshake "
                    + "within 700ms");
            assertThat(f.remediation()).contains("openssl s_client -connect 127.0.0.1:" + blackhole.port()
                    + " -servername blackhole.smartcloudops.local").contains("curl -vI https://blackhole");
        }
    }

    @Test
    void aClosedPortIsTls101() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (TlsFixtures tls = new TlsFixtures(dir).endpoint("closed", closed)) {
            assertThat(tls.runAll()).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("TLS-101");
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.title()).startsWith("TLS handshake with " + tls.at("closed") + " failed: cannot connect: "
                        + "Connection refused");
            });
        }
    }
}
