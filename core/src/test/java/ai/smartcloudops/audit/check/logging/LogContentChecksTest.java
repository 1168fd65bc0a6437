package ai.smartcloudops.audit.check.logging;

import static ai.smartcloudops.audit.check.logging.LoggingFixtures.CONTENT;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.HEALTH;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LOG-301 to LOG-304 against WireMock answering Elasticsearch 8's search: the one counting search asked over the
 * window since the previous run's read, the demo's counts judged, and hostile counts and service names bounded and
 * cleaned.
 */
class LogContentChecksTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:42Z");
    private static final String PATTERN = "smartcloudops-logs-*";
    private static final String WINDOW = "since the previous run at 2026-05-01T11:13:00Z";

    private final LoggingFixtures fixtures = new LoggingFixtures();
    private final Samples samples = new Samples((target, name) -> LoggingFixtures.CLUSTER.equals(target)
            && LogContent.READ_UNTIL.equals(name) ? Optional.of(new Sample(
                    Instant.parse("2026-05-01T11:13:00Z").getEpochSecond(), NOW.minusSeconds(2862)))
            : Optional.empty());

    @BeforeEach
    void health() {
        fixtures.stub(HEALTH, LoggingFixtures.test("es-health-green.json"));
    }

    @AfterEach
    void stop() {
        fixtures.close();
    }

    private List<Finding> run() {
        LoggingTargets targets = fixtures.targets();
        return LoggingFixtures.run(NOW, samples, new LogSecurityCheck(targets), new LogErrorsCheck(targets));
    }

    @Test
    void oneSearchCountsTheWindowsLogsAndEachCountPastItsThresholdIsAFinding() {
        fixtures.stubContent(LoggingFixtures.demo("es-search-content.json", NOW));

        List<Finding> findings = run();

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("LOG-301", Severity.P1, Resource.of("IndexPattern", PATTERN),
                                "134 failed logins in the logs of " + PATTERN + " " + WINDOW),
                        tuple("LOG-303", Severity.P2, Resource.of("IndexPattern", PATTERN),
                                "0 BREACH and 3 SECURITY markers in the logs of " + PATTERN + " " + WINDOW),
                        tuple("LOG-302", Severity.P2, Resource.of("Service", "smartcloudops-ml"),
                                "4 out-of-memory lines from smartcloudops-ml in the logs of " + PATTERN + " " + WINDOW),
                        tuple("LOG-302", Severity.P2, Resource.of("Service", "smartcloudops-scheduler"),
                                "17 out-of-memory lines from smartcloudops-scheduler in the logs of " + PATTERN + " "
                                        + WINDOW),
                        tuple("LOG-304", Severity.P3, Resource.of("IndexPattern", PATTERN),
                                "260 logs of " + PATTERN + " failed to parse " + WINDOW));
        assertThat(findings.get(0).code().team()).isEqualTo(Team.SECURITY);
        assertThat(findings.get(0).detail()).startsWith("134 of 48210 logs " + WINDOW + " match the failed-login "
                + "query (P2 from 20, P1 from 100: a brute force in progress): (login OR auth");
        assertThat(findings.get(0).remediation()).startsWith("curl -s -G \"" + fixtures.server.baseUrl() + "/"
                + PATTERN + "/_search\" --data-urlencode \"q=(login OR auth OR authentication OR password) AND");
        assertThat(findings.get(1).detail()).contains("AUDIT 212");
        // one search, of the 47 minutes since the previous read, counting every query at once
        fixtures.server.verify(1, postRequestedFor(urlEqualTo(CONTENT)).withRequestBody(equalToJson("""
                {"size": 0, "track_total_hits": true,
                 "query": {"range": {"@timestamp": {"gte": "2026-05-01T11:13:00Z", "lt": "2026-05-01T12:00:00Z",
                   "format": "strict_date_optional_time"}}},
                 "aggs": {
                   "auth": {"filter": {"query_string": {"query": "${json-unit.any-string}",
                     "fields": ["log", "message"], "lenient": true}}},
                   "breach": {"filter": {"query_string": {"query": "BREACH", "fields": ["log", "message"],
                     "lenient": true}}},
                   "security": {"filter": {"query_string": {"query": "SECURITY", "fields": ["log", "message"],
                     "lenient": true}}},
                   "audit": {"filter": {"query_string": {"query": "AUDIT", "fields": ["log", "message"],
                     "lenient": true}}},
                   "parse": {"filter": {"term": {"tags": "_grokparsefailure"}}},
                   "oom": {"filter": {"query_string": {"query": "${json-unit.any-string}",
                     "fields": ["log", "message"], "lenient": true}},
                     "aggs": {"services": {"terms": {"field": "kubernetes.container_name", "size": 20,
                       "missing": "(no service)"}}}}}}""")));
        assertThat(samples.recorded()).containsEntry(new Sample.Key(LoggingFixtures.CLUSTER, LogContent.READ_UNTIL),
                (double) Instant.parse("2026-05-01T12:00:00Z").getEpochSecond());
    }

    @Test
    void countsThatAreNotNumbersOrNegativeAreZeroAndHostileServiceNamesAreCleanedAndQuoted() {
        fixtures.stubContent(LoggingFixtures.test("es-search-content-hostile.json"));

        List<Finding> findings = run();

        // a BREACH count given as text is none; 1e30 SECURITY markers are past any threshold
        String hostile = "api-$(touch pwned)`id`\r\n<script>alert(1)</script>\uFFFD=HYPERLINK(\"http://evil\")";
        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, f -> f.resource().name())
                .containsExactly(tuple("LOG-303", Severity.P2, PATTERN),
                        tuple("LOG-302", Severity.P2, "(other services)"),
                        tuple("LOG-302", Severity.P2, hostile));
        assertThat(findings.get(2).remediation()).contains("-c 'api-$(touch pwned)`id`");
        assertThat(findings.get(0).detail()).contains("BREACH 0, SECURITY " + Long.MAX_VALUE);
    }

    @Test
    void aSearchThatFailsSkipsBothChecksAndTheNextWindowStillCoversThisOne() {
        fixtures.server.stubFor(post(urlEqualTo(CONTENT)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"type\":\"search_phase_execution_exception\"},\"status\":400}")));

        List<Finding> findings = run();

        // one AUDIT-903 for the cluster, as the sweep keeps it, the first check's
        assertThat(findings).extracting(f -> f.code().code(), Finding::checkId).containsExactly(
                tuple("AUDIT-903", LogSecurityCheck.ID));
        assertThat(findings.get(0).evidence().get("error")).startsWith("POST " + fixtures.server.baseUrl() + CONTENT
                + ": HTTP 400");
        assertThat(samples.recorded()).isEmpty();
    }
}
