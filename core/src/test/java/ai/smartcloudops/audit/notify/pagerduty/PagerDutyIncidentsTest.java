package ai.smartcloudops.audit.notify.pagerduty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.notify.Acknowledgements.Answer;
import ai.smartcloudops.audit.notify.JsonPost;
import ai.smartcloudops.audit.notify.NotifyProperties;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;

/**
 * What PagerDuty's REST API may answer when asked whether an incident is acknowledged, the broken and the hostile
 * included: each is an answer or a one-line reason it is none, never an exception and never the token.
 */
class PagerDutyIncidentsTest {

    private static final String TOKEN = "pd-s3cret-token";

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(WireMockConfiguration.options().dynamicPort()).build();



    @Test
    void anAcknowledgedIncidentAmongOthersIsAcknowledged() throws Exception {
        assertThat(ask(okJson("{\"incidents\":[{\"status\":\"triggered\"},{\"status\":\"acknowledged\"}]}")))
                .isEqualTo(Answer.of(true));
        assertThat(ask(okJson("{\"incidents\":[]}"))).isEqualTo(Answer.of(false));
    }

    @Test
    void anAnswerThatIsNotAnIncidentListSaysSo() throws Exception {
        assertThat(ask(okJson("{\"error\":{\"message\":\"Invalid Input Provided\"}}")))
                .isEqualTo(Answer.unanswered("the PagerDuty API answered without an incident list"));
        assertThat(ask(okJson("{\"incidents\":\"acknowledged\"}")))
                .isEqualTo(Answer.unanswered("the PagerDuty API answered without an incident list"));
        assertThat(ask(okJson("[1, 2]")))
                .isEqualTo(Answer.unanswered("the PagerDuty API answered without an incident list"));
        assertThat(ask(okJson("{\"incidents\":[{\"status\":{\"$(touch x)\":1}}, \"acknowledged\"]}")))
                .as("an incident of the wrong shape acknowledges nothing").isEqualTo(Answer.of(false));
    }

    @Test
    void anAnswerThatIsNotJsonSaysSoWithoutEchoingIt() throws Exception {
        Answer html = ask(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<script>alert(1)</script>\u0000\r\n=HYPERLINK(\"x\")"));
        assertThat(html).isEqualTo(Answer.unanswered("the PagerDuty API answered with what is not JSON"));

        Answer cut = ask(okJson("{\"incidents\":[{\"status\":\"acknowledged\"}"));
        assertThat(cut).isEqualTo(Answer.unanswered("the PagerDuty API answered with what is not JSON"));
    }

    @Test
    void aBodyPastTheLimitOrAnErrorIsUnansweredInOneLineWithoutTheToken() throws Exception {
        Answer huge = ask(okJson("{\"incidents\":[" + "{\"status\":\"triggered\"},".repeat(200_000)
                + "{\"status\":\"acknowledged\"}]}"));
        assertThat(huge.acknowledged()).as("a body past the limit is not read to its end").isNull();
        assertThat(huge.unanswered()).contains("GET " + server.baseUrl()).doesNotContain("\n");

        Answer refused = ask(aResponse().withStatus(401).withBody("{\"error\":\"token " + TOKEN + " refused\"}"));
        assertThat(refused.acknowledged()).isNull();
        assertThat(refused.unanswered()).contains("HTTP 401").doesNotContain(TOKEN).doesNotContain("\n");
    }

    private Answer ask(ResponseDefinitionBuilder response) throws InterruptedException {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/incidents")).willReturn(response));
        NotifyProperties properties = new NotifyProperties("https://reports.example/", null, null, null, null,
                new NotifyProperties.PagerDuty("R0UTING", server.baseUrl() + "/v2/enqueue", TOKEN, server.baseUrl()),
                null, new NotifyProperties.Dispatch(1, Duration.ofMillis(100), 30, Duration.ofSeconds(2)), null, null);
        JsonPost http = new JsonPost(properties, new HttpLimits(DataSize.ofKilobytes(256)));
        return new PagerDutyIncidents(properties, http).acknowledged("fingerprint-1");
    }
}
