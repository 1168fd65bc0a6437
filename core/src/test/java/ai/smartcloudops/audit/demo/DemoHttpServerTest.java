package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.demo.DemoHttpServer.Response;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The demo's endpoints serve exactly the certificates and answers they are given. */
class DemoHttpServerTest {

    private static final Instant NOW = Instant.now();
    private static final Issued ROOT = DemoCertificates.selfSigned(Spec.authority("Demo Root CA", NOW));
    private static final Issued INTERMEDIATE = ROOT.issue(Spec.authority("Demo Issuing CA", NOW));

    @Test
    void aTrustingClientGetsTheStatusFromAFullChain() throws Exception {
        Issued leaf = INTERMEDIATE.issue(Spec.server("localhost", NOW, Duration.ofDays(90)));
        try (DemoHttpServer server = DemoHttpServer.https(new Response(503, Duration.ZERO), leaf.chain(),
                leaf.key())) {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(ROOT.certificate())).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.port() + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"status\":\"unavailable\"}");
        }
    }

    @Test
    void theServedChainIsExactlyTheOneGivenEvenWeakOnes() throws Exception {
        Issued weak = INTERMEDIATE.issue(Spec.server("api.smartcloudops.local", NOW, Duration.ofDays(5))
                .key("RSA", 1024).signedWith("SHA1withRSA"));
        try (DemoHttpServer server = DemoHttpServer.https(Response.OK, List.of(weak.certificate()), weak.key())) {
            Certificate[] served = handshake(server.port(), "api.smartcloudops.local");
            assertThat(served).hasSize(1);
            X509Certificate leaf = (X509Certificate) served[0];
            assertThat(leaf).isEqualTo(weak.certificate());
            assertThat(((RSAKey) leaf.getPublicKey()).getModulus().bitLength()).isEqualTo(1024);
            assertThat(leaf.getSigAlgName()).isEqualTo("SHA1withRSA");
        }
    }

    @Test
    void aBlackholeAcceptsAndNeverAnswers() throws Exception {
        try (DemoBlackhole blackhole = DemoBlackhole.start(); Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", blackhole.port()), 1000);
            socket.setSoTimeout(200);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    private static Certificate[] handshake(int port, String serverName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates();
        }
    }

    private static SSLContext trusting(X509Certificate root) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
