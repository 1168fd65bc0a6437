package ai.smartcloudops.audit.check.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.net.HttpLimits;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a JSON API answers or fails, against a real HTTP server. */
class JsonApiTest {

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private JsonApi api(String bearer, String user, String password, String apiKey) {
        return new JsonApi(new ApiEndpoint(server.baseUrl() + "/", bearer, user, password, apiKey, null,
                Duration.ofMillis(500)), HttpLimits.DEFAULT);
    }

    @Test
    void aJsonAnswerIsParsedAndEachKindOfCredentialIsSent() throws Exception {
        server.stubFor(get(urlEqualTo("/_cluster/health")).withHeader("Authorization", equalTo("Bearer t0ken"))
                .willReturn(okJson("{\"status\":\"green\"}")));
        server.stubFor(get(urlEqualTo("/api/plugins.json")).withHeader("Authorization",
                equalTo("Basic ZWxhc3RpYzpzM2NyZXQ=")).willReturn(okJson("{\"plugins\":[]}")));
        server.stubFor(get(urlEqualTo("/_cat/allocation?format=json")).withHeader("Authorization",
                equalTo("ApiKey aWQ6a2V5")).willReturn(okJson("[]")));

        assertThat(api("t0ken", null, null, null).get("/_cluster/health").path("status").asString())
                .isEqualTo("green");
        assertThat(api(null, "elastic", "s3cret", null).get("/api/plugins.json").has("plugins")).isTrue();
        assertThat(api(null, null, null, "aWQ6a2V5").get("/_cat/allocation?format=json").isArray()).isTrue();
    }

    @Test
    void aServerErrorNamesTheRequestStatusAndWhatTheServerSaid() {
        server.stubFor(get(urlEqualTo("/api/v1/targets")).willReturn(aResponse().withStatus(500)
                .withBody("<html><title>Internal Server Error</title>\n</html>")));

        assertThatThrownBy(() -> api("t0ken", null, null, null).get("/api/v1/targets"))
                .isInstanceOf(JsonApi.ApiException.class)
                .hasMessage("GET " + server.baseUrl() + "/api/v1/targets: HTTP 500: <html><title>Internal Server "
                        + "Error</title> </html>")
                .satisfies(e -> assertThat(((JsonApi.ApiException) e).status()).isEqualTo(500))
                .hasMessageNotContaining("t0ken");
    }

    @Test
    void anErrorThatEchoesTheCredentialsKeepsThemOutOfTheMessageButKeepsThePath() {
        server.stubFor(get(urlEqualTo("/_cluster/health")).willReturn(aResponse().withStatus(401).withBody(
                "{\"error\":\"no handler for [/_cluster/health]: Authorization=Basic ZWxhc3RpYzpsb25nLXMzY3JldA== "
                        + "user elastic password long-s3cret\"}")));

        assertThatThrownBy(() -> api(null, "elastic", "long-s3cret", null).get("/_cluster/health"))
                .hasMessageContaining("HTTP 401: {\"error\":\"no handler for [/_cluster/health]")
                .hasMessageNotContaining("ZWxhc3RpYzpsb25nLXMzY3JldA").hasMessageNotContaining("long-s3cret");
    }

    @Test
    void aBodyThatIsNotJsonIsSaidSo() {
        server.stubFor(get(urlEqualTo("/api/v1/alerts")).willReturn(aResponse().withStatus(200)
                .withBody("{\"status\":\"success\",\"data\":")));

        assertThatThrownBy(() -> api(null, null, null, null).get("/api/v1/alerts"))
                .hasMessage("GET " + server.baseUrl() + "/api/v1/alerts: HTTP 200 but not JSON: "
                        + "{\"status\":\"success\",\"data\":");
    }

    @Test
    void aServerThatNeverAnswersOrIsNotThereFailsWithinTheTimeout() throws Exception {
        try (DemoBlackhole blackhole = DemoBlackhole.start()) {
            JsonApi silent = new JsonApi(new ApiEndpoint("http://127.0.0.1:" + blackhole.port(), null, null, null,
                    null, null, Duration.ofMillis(300)), HttpLimits.DEFAULT);
            long started = System.nanoTime();
            assertThatThrownBy(() -> silent.get("/_cluster/health"))
                    .hasMessage("GET http://127.0.0.1:" + blackhole.port() + "/_cluster/health: no answer within 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        JsonApi nobody = new JsonApi(ApiEndpoint.of("http://127.0.0.1:" + closed), HttpLimits.DEFAULT);
        assertThatThrownBy(() -> nobody.get("/api/v1/targets"))
                .hasMessage("GET http://127.0.0.1:" + closed + "/api/v1/targets: connection refused");
    }

    @Test
    void aPrivateCaIsTrustedOnlyThroughTheBundle(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        Issued root = DemoCertificates.selfSigned(Spec.authority("Monitoring CA", now));
        Issued leaf = root.issue(Spec.server("localhost", now, Duration.ofDays(30)));
        Path bundle = Files.writeString(dir.resolve("ca.pem"), root.pem(false));
        try (DemoHttpServer https = DemoHttpServer.https(DemoHttpServer.Response.OK, leaf.chain(), leaf.key())) {
            String url = "https://localhost:" + https.port();
            JsonApi trusting = new JsonApi(new ApiEndpoint(url, null, null, null, null, bundle.toString(), null),
                    HttpLimits.DEFAULT);
            assertThat(trusting.get("/api/health").path("status").asString()).isEqualTo("healthy");

            assertThatThrownBy(() -> new JsonApi(ApiEndpoint.of(url), HttpLimits.DEFAULT).get("/api/health"))
                    .hasMessageStartingWith("GET " + url + "/api/health: TLS failed: ");
        }
    }

    @Test
    void credentialsAreCheckedAndNeverShown() {
        assertThat(new ApiEndpoint("https://es:9200", null, "elastic", "s3cret", null, null, null).toString())
                .isEqualTo("ApiEndpoint[https://es:9200, basic auth as elastic]").doesNotContain("s3cret");
        assertThatThrownBy(() -> new ApiEndpoint("https://es:9200", "t", "elastic", "p", null, null, null))
                .hasMessage("use one of bearer-token, username/password and api-key");
        assertThatThrownBy(() -> ApiEndpoint.of("https://elastic:s3cret@es:9200"))
                .hasMessage("url must not carry credentials: use username and password");
        assertThatThrownBy(() -> ApiEndpoint.of("es:9200")).hasMessage("url must be an http or https URL");
    }
}
