package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.net.HostileServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A TLS peer that keeps a handshake going a byte at a time is cut off at the handshake timeout. */
class TlsProbeDeadlineTest {

    @Test
    void aHandshakeThatNeverFinishesEndsAtItsTimeout() throws Exception {
        try (HostileServer server = new HostileServer()) {
            long started = System.nanoTime();

            TlsProbe.Result result = new TlsProbe(Duration.ofSeconds(1), Duration.ofMillis(1200))
                    .probe("127.0.0.1", server.tlsPort(), "api.example.com");

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(result.chain()).isEmpty();
            assertThat(result.failure()).isEqualTo("no TLS handshake within 1200ms");
            // a byte arrives every 300 ms, well within the socket's read timeout: only the deadline ends it
            assertThat(took).isBetween(Duration.ofMillis(1100), Duration.ofMillis(4000));
        }
    }
}
