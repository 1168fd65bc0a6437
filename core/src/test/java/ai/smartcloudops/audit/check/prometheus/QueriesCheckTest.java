package ai.smartcloudops.audit.check.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.demo.DemoPrometheus;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.run.Sweep;
import ai.smartcloudops.audit.run.Sweeps;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QueriesCheckTest {

    private static final String P95 = "histogram_quantile(0.95, rate(flask_request_duration_seconds_bucket[5m]))";
    private static final String AUTH = "rate(authentication_failures_total[5m])";

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private void answer(String expression) {
        JsonNode results = PrometheusFixtures.JSON.readTree(DemoPrometheus.body("queries.json"));
        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo(expression))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + results.get(expression) + "}}")));
    }

    private List<Finding> run(String name, String expression, String code, String threshold, String... more)
            throws Exception {
        String[] keys = new String[8 + more.length];
        System.arraycopy(new String[] {"queries[0].name", name, "queries[0].expression", expression,
                "queries[0].code", code, "queries[0].threshold", threshold}, 0, keys, 0, 8);
        System.arraycopy(more, 0, keys, 8, more.length);
        return PrometheusFixtures.run(new QueriesCheck(prometheus.targets(keys)));
    }

    @Test
    void theGuidesP95LatencyAboveTwoSecondsIsPROM110NamingTheWorstSeries() throws Exception {
        answer(P95);

        assertThat(run("api-p95-latency", P95, "PROM-110", "2")).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("PROM-110");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Query", null, "api-p95-latency"));
            assertThat(f.title()).isEqualTo("Latency api-p95-latency on prom is 2.7, above its threshold 2");
            assertThat(f.detail()).isEqualTo("1 of 2 series of " + P95 + " on Prometheus prom are above 2; the worst "
                    + "is 2.7 ({endpoint=\"/api/v1/predict\", instance=\"10.0.1.23:5000\", job=\"smartcloudops-api\", "
                    + "method=\"POST\"}).");
            assertThat(f.remediation()).contains("curl -s -G " + prometheus.url() + "/api/v1/query --data-urlencode "
                    + "'query=" + P95 + "'");
        });
        assertThat(run("api-p95-latency", P95, "PROM-110", "2.7")).as("equal is not above").isEmpty();
    }

    @Test
    void authenticationFailuresAreTheSecurityTeamsAndTakeTheConfiguredSeverity() throws Exception {
        answer(AUTH);

        assertThat(run("auth-failure-rate", AUTH, "PROM-111", "0.5", "queries[0].severity", "P0")).singleElement()
                .satisfies(f -> {
                    assertThat(f.code().code()).isEqualTo("PROM-111");
                    assertThat(f.severity()).isEqualTo(Severity.P0);
                    assertThat(f.title()).isEqualTo("Authentication failures auth-failure-rate on prom are 0.8, above the "
                            + "threshold 0.5");
                    assertThat(f.remediation()).contains("grep -i \"auth\\|login\\|fail\"");
                });
        assertThat(PrometheusCode.PROM_111.team()).isEqualTo(Team.SECURITY);
        assertThat(run("auth-failure-rate", AUTH, "PROM-111", "0.8")).isEmpty();
    }

    @Test
    void belowComparesTheOtherWay() throws Exception {
        answer(P95);
        assertThat(run("health-latency-floor", P95, "PROM-112", "0.05", "queries[0].comparison", "below"))
                .singleElement().satisfies(f -> {
                    assertThat(f.title()).isEqualTo("health-latency-floor on prom is 0.045, below its threshold 0.05");
                    assertThat(f.evidence()).containsEntry("breaching", "1").containsEntry("series", "2");
                });
    }

    @Test
    void anExpressionWithNoSeriesOrThatFailsIsPROM108NotHealthy() throws Exception {
        assertThat(run("pod-restarts", "kube_pod_restarts", "PROM-112", "3")).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("PROM-108");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Query", null, "pod-restarts"));
            assertThat(f.title()).isEqualTo("Query pod-restarts cannot be judged on prom: it returned no series");
        });

        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"error\",\"errorType\":"
                        + "\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:7: parse error: unclosed left "
                        + "parenthesis\"}")));
        assertThat(run("broken", "rate(x", "PROM-110", "2")).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("PROM-108");
            assertThat(f.title()).isEqualTo("Query broken cannot be judged on prom: it failed: bad_data: invalid "
                    + "parameter \"query\": 1:7: parse error: unclosed left parenthesis");
        });

        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"error\",\"errorType\":"
                        + "\"timeout\",\"error\":\"query timed out in expression evaluation\"}")));
        assertThat(run("slow", P95, "PROM-110", "2")).singleElement().satisfies(f -> assertThat(f.detail())
                .contains("failed: timeout: query timed out in expression evaluation"));
    }

    @Test
    void aServerWithoutPromQlChecksIsNotConfiguredAndAskedNothing() {
        Sweep.Result result = Sweeps.nightly(new QueriesCheck(prometheus.targets()));

        assertThat(result.findings()).isEmpty();
        assertThat(result.coverage()).extracting(Coverage::check, Coverage::status, Coverage::reason)
                .containsExactly(tuple("prometheus.queries", CoverageStatus.NOT_CONFIGURED,
                        "no PromQL checks configured for this server (health-audit.prometheus.queries)"));
        prometheus.wiremock.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/query")));
    }

    @Test
    void aCodeThatIsNotAQueryCodeIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> run("x", P95, "PROM-101", "2")).rootCause()
                .hasMessage("health-audit.prometheus.queries[x].code must be one of [PROM-110, PROM-111, PROM-112]");
    }
}
