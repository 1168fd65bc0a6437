package ai.smartcloudops.audit.check.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.demo.DemoHttpServer.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private static Probe probe(String url) {
        return new HttpProbe().probe(new AppTargets.Endpoint("api", "a", url, 200, Duration.ofSeconds(2), TIMEOUT,
                TIMEOUT));
    }

    @Test
    void theShownUrlHasNoUserInformationAndMaskedSecrets() {
        assertThat(HttpProbe.display("https://user:pw@api.example.test:8443/api/health?token=t&x=1&api_key=k"
                + "&Password=p&client_secret=s&signature=g"))
                .isEqualTo("https://api.example.test:8443/api/health?token=****&x=1&api_key=****&Password=****"
                        + "&client_secret=****&signature=****");
        assertThat(HttpProbe.display("http://api.example.test")).isEqualTo("http://api.example.test/");
    }

    @Test
    void aHealthyUrlIsUpWithItsLatencyToTheHeaders() {
        try (DemoHttpServer slow = DemoHttpServer.http(new Response(200, Duration.ofMillis(150)))) {
            Probe probe = probe(slow.url("/api/health"));
            assertThat(probe.outcome()).isEqualTo(Probe.Outcome.UP);
            assertThat(probe.status()).isEqualTo(200);
            assertThat(probe.latency()).isBetween(Duration.ofMillis(150), TIMEOUT);
            assertThat(probe.failure()).isNull();
        }
    }

    @Test
    void aBlackholeIsAReadTimeoutThatEndsAtTheReadTimeout() {
        try (DemoBlackhole hole = DemoBlackhole.start()) {
            Probe probe = probe("http://127.0.0.1:" + hole.port() + "/");
            assertThat(probe.outcome()).isEqualTo(Probe.Outcome.READ_TIMEOUT);
            assertThat(probe.latency()).isBetween(TIMEOUT, TIMEOUT.multipliedBy(2));
        }
    }

    @Test
    void anHttpsBlackholeTimesOutInTheHandshake() {
        try (DemoBlackhole hole = DemoBlackhole.start()) {
            Probe probe = probe("https://127.0.0.1:" + hole.port() + "/");
            assertThat(probe.outcome()).isEqualTo(Probe.Outcome.READ_TIMEOUT);
            assertThat(probe.failure()).isEqualTo("no response within 300ms of connecting, TLS handshake included "
                    + "(read timeout)");
            assertThat(probe.latency()).isBetween(TIMEOUT, TIMEOUT.multipliedBy(2));
        }
    }

    @Test
    void tlsToAServerThatAnswersInPlainTextIsATlsError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (IOException e) {
                    // the test ends
                }
            });
            answer.start();
            Probe probe = probe("https://127.0.0.1:" + server.getLocalPort() + "/");
            assertThat(probe.outcome()).isEqualTo(Probe.Outcome.TLS_ERROR);
            assertThat(probe.failure()).startsWith("TLS handshake failed: ");
            answer.join(1000);
        }
    }
}
