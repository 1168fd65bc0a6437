package ai.smartcloudops.audit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.smartcloudops.audit.net.HttpLimits;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A channel's server that echoes the request in its error answer gets none of the request's secrets into ours. */
class JsonPostTest {

    private static final String PATH = "/services/T0001/B0002/XoXb5ecretWebhookPath";
    private static final String TOKEN = "tkt-9f8e7d6c5b";

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(WireMockConfiguration.options().dynamicPort()).build();


    @Test
    void anErrorAnswerThatEchoesTheRequestKeepsItsTokenAndPathOutOfTheMessage() {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody(
                "invalid_payload for POST " + PATH + " with Authorization: Bearer " + TOKEN + " (" + TOKEN + ")")));
        NotifyProperties properties = new NotifyProperties("https://reports.example/", null, null, null, null, null,
                null, new NotifyProperties.Dispatch(1, Duration.ofMillis(100), 30, Duration.ofSeconds(2)), null, null);

        JsonPost.PostException failed = catchThrowableOfType(JsonPost.PostException.class,
                () -> new JsonPost(properties, HttpLimits.DEFAULT).post(server.baseUrl() + PATH,
                        Map.of("Authorization", "Bearer " + TOKEN), "{}"));

        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.getMessage()).startsWith("POST " + server.baseUrl() + ": HTTP 400")
                .contains("invalid_payload for POST ****").doesNotContain(TOKEN, "XoXb5ecret", "B0002");
    }
}
