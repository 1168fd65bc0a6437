package ai.smartcloudops.audit.check.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus checks of a run share one read of the server (WireMock serving the demo's answers): each endpoint
 * is asked once per run whatever the number of checks, only the endpoints the run's checks need are asked, and a
 * part that fails leaves only its checks without it.
 */
class PrometheusSnapshotTest {

    private static final String[] QUERIES = {
        "queries[0].name", "p95", "queries[0].expression", "up", "queries[0].code", "PROM-110",
        "queries[0].threshold", "2",
        "queries[1].name", "broken", "queries[1].expression", "rate(x[5m]", "queries[1].code", "PROM-112",
        "queries[1].threshold", "0"};

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void everyPrometheusCheckOfARunReadsEachEndpointOnceAndAFailedQueryIsThatQuerysFinding() throws Exception {
        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo("rate(x[5m]"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:11: parse error: unclosed "
                                + "left parenthesis\"}")));
        List<Check> checks = AllChecks.of(Area.PROMETHEUS, prometheus.targets(QUERIES));

        Map<String, Object> outcomes = run(checks, PrometheusFixtures.CHECKS);

        assertThat(requests()).containsOnly(entry("/api/v1/status/runtimeinfo", 1), entry("/api/v1/targets", 1),
                entry("/api/v1/alerts", 1), entry("/api/v1/rules", 1), entry("/api/v1/alertmanagers", 1),
                entry("/api/v1/status/tsdb", 1), entry("/api/v1/query", 2 + 2 + 1));
        assertThat(outcomes.values()).allMatch(List.class::isInstance);
        assertThat(findings(outcomes.get(QueriesCheck.ID))).extracting(f -> f.code().code(), Finding::title)
                .containsExactly(tuple("PROM-108", "Query p95 cannot be judged on prom: it returned no series"),
                        tuple("PROM-108", "Query broken cannot be judged on prom: it failed: bad_data: 1:11: parse "
                                + "error: unclosed left parenthesis"));
    }

    @Test
    void onlyTheEndpointsTheChecksOfTheRunNeedAreAsked() throws Exception {
        List<Check> checks = AllChecks.of(Area.PROMETHEUS, prometheus.targets(QUERIES)).stream()
                .filter(c -> c.id().equals(AlertsCheck.ID)).toList();

        run(checks, Set.of(AlertsCheck.ID));

        assertThat(requests()).containsOnly(entry("/api/v1/status/runtimeinfo", 1), entry("/api/v1/alerts", 1));
    }

    @Test
    void theServerCheckAsksForTheRulesOnlyWhenNoAlertmanagerReceivesTheirAlerts() throws Exception {
        prometheus.serve("alertmanagers", "{\"status\":\"success\",\"data\":{\"activeAlertmanagers\":[{\"url\":"
                + "\"http://10.0.4.12:9093/api/v2/alerts\"}],\"droppedAlertmanagers\":[]}}");
        List<Check> checks = AllChecks.of(Area.PROMETHEUS, prometheus.targets()).stream()
                .filter(c -> c.id().equals(ServerStatusCheck.ID)).toList();

        run(checks, Set.of(ServerStatusCheck.ID));

        assertThat(requests()).containsOnly(entry("/api/v1/status/runtimeinfo", 1),
                entry("/api/v1/alertmanagers", 1), entry("/api/v1/status/tsdb", 1));
    }

    @Test
    void aServerThatStopsAnsweringDuringTheQueriesSkipsOnlyTheChecksOfQueries() throws Exception {
        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/query"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        List<Check> checks = AllChecks.of(Area.PROMETHEUS, prometheus.targets(QUERIES));

        Map<String, Object> outcomes = run(checks, PrometheusFixtures.CHECKS);

        assertThat(outcomes.get(QueriesCheck.ID)).isInstanceOfSatisfying(CheckSkippedException.class, e -> {
            assertThat(e.code().code()).isEqualTo("AUDIT-903");
            assertThat(e.getMessage()).startsWith("cannot connect: GET " + prometheus.url() + "/api/v1/query?query=up");
        });
        for (String built : List.of(VolumesCheck.ID, ThrottlingCheck.ID)) {
            assertThat(outcomes.get(built)).isInstanceOfSatisfying(CheckSkippedException.class,
                    e -> assertThat(e.code().code()).isEqualTo("AUDIT-903"));
        }
        assertThat(outcomes).allSatisfy((id, outcome) -> {
            if (!id.equals(QueriesCheck.ID) && !id.equals(VolumesCheck.ID) && !id.equals(ThrottlingCheck.ID)) {
                assertThat(outcome).as(id).isInstanceOf(List.class);
            }
        });
        // the server went away: the second configured query is not asked; the volumes' first one and the
        // throttling one fail too
        prometheus.wiremock.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/query")));
    }

    /** Each check's findings, or the skip it threw, by check id: every check of one run on the server. */
    private static Map<String, Object> run(List<Check> checks, Set<String> onTarget) throws Exception {
        RunScope scope = PrometheusFixtures.scope(Instant.parse("2026-11-29T00:32:00Z"));
        Map<String, Object> outcomes = new TreeMap<>();
        for (Check check : checks) {
            CheckContext context = new CheckContext(scope, check.id(),
                    new Target(PrometheusFixtures.SERVER, PrometheusTargets.KIND), onTarget);
            try {
                outcomes.put(check.id(), context.findings(check));
            } catch (CheckSkippedException e) {
                outcomes.put(check.id(), e);
            }
        }
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    private static List<Finding> findings(Object outcome) {
        return (List<Finding>) outcome;
    }

    /** How many requests WireMock received, by path. */
    private Map<String, Integer> requests() {
        Map<String, Integer> counts = new TreeMap<>();
        List<LoggedRequest> requests = new ArrayList<>(prometheus.wiremock.findAll(anyRequestedFor(anyUrl())));
        requests.forEach(r -> counts.merge(r.getUrl().replaceAll("\\?.*", ""), 1, Integer::sum));
        return counts;
    }
}
