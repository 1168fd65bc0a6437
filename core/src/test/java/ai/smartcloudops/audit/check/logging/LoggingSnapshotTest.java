package ai.smartcloudops.audit.check.logging;

import static ai.smartcloudops.audit.check.logging.LoggingFixtures.ALLOCATION;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.CONTENT;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.HEALTH;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.INDICES;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.NODES;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.PLUGINS;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.SEARCH;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.SETTINGS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The logging checks of a run share one read of each cluster and each Fluentd (WireMock serving Elasticsearch 8 and
 * Fluentd 1.16 answers): each request is made once per target and run whatever the number of checks, only the
 * requests the run's checks need are made, and one that fails leaves only its checks without it.
 */
class LoggingSnapshotTest {

    private final LoggingFixtures fixtures = new LoggingFixtures();
    private final Instant now = Instant.now();

    @BeforeEach
    void answers() {
        fixtures.stub(HEALTH, LoggingFixtures.test("es-health-green.json"));
        fixtures.stub(ALLOCATION, LoggingFixtures.demo("es-allocation-flood.json", now));
        fixtures.stub(SETTINGS, LoggingFixtures.demo("es-cluster-settings.json", now));
        fixtures.stub(NODES, LoggingFixtures.demo("es-nodes-jvm.json", now));
        fixtures.stub(INDICES, LoggingFixtures.demo("es-indices-today.json", now));
        fixtures.stub(SEARCH, LoggingFixtures.demo("es-search-newest.json", now));
        fixtures.stub(PLUGINS, LoggingFixtures.test("fluentd-plugins-healthy.json"));
        fixtures.stubContent(LoggingFixtures.demo("es-search-content-quiet.json", now));
    }

    @AfterEach
    void stop() {
        fixtures.close();
    }

    private List<Finding> run(Check... checks) {
        return LoggingFixtures.run(now, Samples.none(), checks);
    }

    @Test
    void everyLoggingCheckOfARunMakesEachRequestOncePerTarget() {
        List<Finding> findings = run(AllChecks.of(Area.LOGGING, fixtures.targets()).toArray(Check[]::new));

        assertThat(requests()).containsOnly(entry(HEALTH, 1), entry(ALLOCATION, 1), entry(SETTINGS, 1),
                entry(NODES, 1), entry(INDICES, 1), entry(SEARCH, 1), entry(CONTENT, 1), entry(PLUGINS, 1));
        assertThat(findings).extracting(f -> f.code().code()).contains("LOG-104", "LOG-105")
                .noneMatch(code -> code.startsWith("AUDIT-"));
    }

    @Test
    void onlyTheRequestsTheChecksOfTheRunNeedAreMade() {
        run(new EsHeapCheck(fixtures.targets()));
        assertThat(requests()).containsOnly(entry(HEALTH, 1), entry(NODES, 1));

        fixtures.server.resetRequests();
        run(new EsDiskCheck(fixtures.targets("elasticsearch-thresholds.cluster-watermarks", "false")));
        assertThat(requests()).containsOnly(entry(HEALTH, 1), entry(ALLOCATION, 1));
    }

    @Test
    void theNewestLogIsNotAskedForWhenTodaysIndexIsMissing() {
        fixtures.stub(INDICES, LoggingFixtures.demo("es-indices-yesterday.json", now));

        assertThat(run(new EsIngestionCheck(fixtures.targets()))).extracting(f -> f.code().code())
                .containsExactly("LOG-106");
        assertThat(requests()).containsOnly(entry(HEALTH, 1), entry(INDICES, 1));
    }

    @Test
    void aFailedRequestSkipsOnlyItsCheckAndTheOptionalOnesFailAlone() {
        fixtures.server.stubFor(get(urlEqualTo(NODES)).willReturn(aResponse().withStatus(502)
                .withBody("Bad Gateway")));
        fixtures.server.stubFor(get(urlEqualTo(SETTINGS)).willReturn(aResponse().withStatus(403)));
        fixtures.server.stubFor(get(urlEqualTo(SEARCH)).willReturn(aResponse().withStatus(404)));

        List<Finding> findings = run(AllChecks.of(Area.LOGGING, fixtures.targets()).toArray(Check[]::new));

        assertThat(findings).filteredOn(f -> f.code().code().startsWith("AUDIT-")).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("AUDIT-903");
            assertThat(f.checkId()).isEqualTo(EsHeapCheck.ID);
            assertThat(f.evidence().get("error")).isEqualTo("GET " + fixtures.server.baseUrl() + NODES
                    + ": HTTP 502: Bad Gateway");
        });
        // the disk check judges by the configured watermarks, the ingestion check without the newest log
        assertThat(findings).filteredOn(f -> f.code().code().equals("LOG-104")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.evidence()).containsEntry("source", "configured"));
        assertThat(findings).extracting(f -> f.code().code()).doesNotContain("LOG-105");
        assertThat(requests()).containsOnly(entry(HEALTH, 1), entry(ALLOCATION, 1), entry(SETTINGS, 1),
                entry(NODES, 1), entry(INDICES, 1), entry(SEARCH, 1), entry(CONTENT, 1), entry(PLUGINS, 1));
    }

    @Test
    void theWatermarksAreNotAskedForWhenTheAllocationFailed() {
        fixtures.server.stubFor(get(urlEqualTo(ALLOCATION)).willReturn(aResponse().withStatus(502)));

        assertThat(run(new EsDiskCheck(fixtures.targets()))).extracting(f -> f.code().code())
                .containsExactly("AUDIT-903");
        assertThat(requests()).containsOnly(entry(HEALTH, 1), entry(ALLOCATION, 1));
    }

    /** How many requests WireMock received, by path and query. */
    private Map<String, Integer> requests() {
        Map<String, Integer> counts = new TreeMap<>();
        fixtures.server.findAll(anyRequestedFor(anyUrl())).forEach(r -> counts.merge(r.getUrl(), 1, Integer::sum));
        return counts;
    }
}
