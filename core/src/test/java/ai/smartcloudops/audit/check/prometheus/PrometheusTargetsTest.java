package ai.smartcloudops.audit.check.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Resource;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server that is down, answers 500, answers something not JSON or too slowly: every check skipped, one reason. */
class PrometheusTargetsTest {

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    /** Runs every check in one run; each must be skipped as unreachable with the same reason. */
    private static String skippedReason(PrometheusTargets targets) {
        RunScope scope = PrometheusFixtures.scope(Instant.now());
        String reason = null;
        for (Check check : AllChecks.of(Area.PROMETHEUS, targets)) {
            CheckSkippedException e = org.junit.jupiter.api.Assertions.assertThrows(CheckSkippedException.class,
                    () -> PrometheusFixtures.context(scope, check, PrometheusFixtures.SERVER).findings(check),
                    check.id());
            assertThat(e.code().code()).isEqualTo("AUDIT-903");
            assertThat(e.resource()).isEqualTo(new Resource("Target", null, PrometheusFixtures.SERVER));
            if (reason != null) {
                assertThat(e.getMessage()).isEqualTo(reason);
            }
            reason = e.getMessage();
        }
        return reason;
    }

    /** One configured query, so that the queries check reads the server too. */
    private static final String[] QUERY = {"queries[0].name", "p95", "queries[0].expression", "up",
        "queries[0].code", "PROM-110", "queries[0].threshold", "2", "servers[0].bearer-token", "s3cr3t-t0ken"};

    private PrometheusTargets withQuery() {
        return prometheus.targets(QUERY);
    }

    @Test
    void aServerAnswering500IsProbedOnceAndEveryCheckSkippedWithTheSameReason() {
        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/status/runtimeinfo")).willReturn(aResponse()
                .withStatus(500).withBody("Internal Server Error")));

        assertThat(skippedReason(withQuery())).isEqualTo("cannot connect: GET " + prometheus.url()
                + "/api/v1/status/runtimeinfo: HTTP 500: Internal Server Error");
        prometheus.wiremock.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/status/runtimeinfo")));
        prometheus.wiremock.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/targets")));
    }

    @Test
    void malformedJsonAndAnAnswerThatIsNotThePrometheusApiAreSaidSo() {
        prometheus.serve("status/runtimeinfo", "{\"status\":\"success\",\"data\":");
        assertThat(skippedReason(withQuery())).startsWith("cannot connect: GET " + prometheus.url()
                + "/api/v1/status/runtimeinfo: HTTP 200 but not JSON").doesNotContain("s3cr3t");

        prometheus.serve("status/runtimeinfo", "{\"cluster_name\":\"elasticsearch\"}");
        assertThat(skippedReason(withQuery())).isEqualTo("cannot connect: GET " + prometheus.url()
                + "/api/v1/status/runtimeinfo: not a Prometheus API answer (no \"status\":\"success\" with data)");
    }

    @Test
    void aServerThatIsDownOrTooSlowIsNamedWithTheReason() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(skippedReason(PrometheusFixtures.targetsAt("http://127.0.0.1:" + closed, QUERY)))
                .isEqualTo("cannot connect: GET http://127.0.0.1:" + closed + "/api/v1/status/runtimeinfo: "
                        + "connection refused");

        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/status/runtimeinfo")).willReturn(aResponse()
                .withFixedDelay(2000).withBody("{}")));
        String[] impatient = Arrays.copyOf(QUERY, QUERY.length + 2);
        impatient[QUERY.length] = "servers[0].timeout";
        impatient[QUERY.length + 1] = "1s";
        assertThat(skippedReason(prometheus.targets(impatient))).isEqualTo("cannot connect: GET " + prometheus.url()
                + "/api/v1/status/runtimeinfo: no answer within 1s");
    }

    @Test
    void anEndpointFailingAfterTheProbeSkipsOnlyItsCheck() throws Exception {
        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/rules")).willReturn(aResponse().withStatus(502)));
        PrometheusTargets targets = prometheus.targets();
        assertThatThrownBy(() -> PrometheusFixtures.run(new RulesCheck(targets)))
                .isInstanceOf(CheckSkippedException.class)
                .hasMessage("cannot connect: GET " + prometheus.url() + "/api/v1/rules: HTTP 502");
        assertThat(PrometheusFixtures.run(new AlertsCheck(targets))).isNotNull();
    }

    @Test
    void configurationErrorsNameTheKey() {
        assertThatThrownBy(() -> PrometheusFixtures.targetsAt("ftp://prometheus")).rootCause()
                .hasMessage("health-audit.prometheus.servers[prom]: url must be an http or https URL");
        assertThatThrownBy(() -> prometheus.targets("servers[0].bearer-token", "t", "servers[0].username", "u"))
                .rootCause().hasMessage("health-audit.prometheus.servers[prom]: use one of bearer-token, "
                        + "username/password and api-key");
        assertThatThrownBy(() -> prometheus.targets("thresholds.job-down-percent", "101")).rootCause()
                .hasMessage("health-audit.prometheus.thresholds.job-down-percent must be 0..100");
    }
}
