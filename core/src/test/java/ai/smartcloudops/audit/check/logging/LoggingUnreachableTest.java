package ai.smartcloudops.audit.check.logging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Down, 500, malformed JSON or too slow: one AUDIT-903 per target naming it, and every check still returns. */
class LoggingUnreachableTest {

    private final LoggingFixtures fixtures = new LoggingFixtures();

    @AfterEach
    void stop() {
        fixtures.close();
    }

    /** Failures, with one-second timeouts so a stalled answer is one quickly. */
    private List<Finding> run() {
        return run(fixtures.targets("elasticsearch[0].timeout", "1s", "fluentd[0].timeout", "1s"));
    }

    private static List<Finding> run(LoggingTargets t) {
        return LoggingFixtures.run(AllChecks.of(Area.LOGGING, t).toArray(Check[]::new));
    }

    private void answer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        fixtures.server.stubFor(get(anyUrl()).willReturn(response));
    }

    private void assertOneAudit903Each(String reason) {
        List<Finding> findings = run();
        assertThat(findings).extracting(f -> f.code().code()).containsExactly("AUDIT-903", "AUDIT-903");
        assertThat(findings).extracting(Finding::resource).containsExactly(Resource.of("Target", "logs"),
                Resource.of("Target", "fluentd"));
        assertThat(findings.get(0).evidence().get("error")).isEqualTo("GET " + fixtures.server.baseUrl()
                + "/_cluster/health: " + reason);
        assertThat(findings.get(1).evidence().get("error")).isEqualTo("GET " + fixtures.server.baseUrl()
                + "/api/plugins.json: " + reason);
    }

    @Test
    void anErrorStatusIsOneAudit903PerTarget() {
        answer(aResponse().withStatus(500).withBody("Internal Server Error"));
        assertOneAudit903Each("HTTP 500: Internal Server Error");
    }

    @Test
    void malformedJsonIsOneAudit903PerTarget() {
        answer(aResponse().withStatus(200).withBody("{\"status\":"));
        assertOneAudit903Each("HTTP 200 but not JSON: {\"status\":");
    }

    @Test
    void aServerThatIsDownIsOneAudit903PerTarget() {
        String url = fixtures.server.baseUrl();
        LoggingTargets targets = fixtures.targets();
        fixtures.server.stop();
        List<Finding> findings = run(targets);
        assertThat(findings).extracting(f -> f.code().code()).containsExactly("AUDIT-903", "AUDIT-903");
        assertThat(findings.get(0).evidence().get("error")).isEqualTo("GET " + url + "/_cluster/health: connection "
                + "refused");
        assertThat(findings.get(0).title()).contains("logs");
    }

    @Test
    void aTimeoutOrAResetIsOneAudit903PerTarget() {
        answer(aResponse().withStatus(200).withBody("{}").withFixedDelay(1500));
        assertOneAudit903Each("no answer within 1s");
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(run()).extracting(f -> f.code().code()).containsExactly("AUDIT-903", "AUDIT-903");
    }
}
