package ai.smartcloudops.audit.check.logging;

import static ai.smartcloudops.audit.check.logging.LoggingFixtures.HEALTH;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.INDICES;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EsIngestionCheckTest {

    private final LoggingFixtures es = new LoggingFixtures();
    private final Instant now = LocalDate.of(2025, 3, 14).atTime(10, 0).toInstant(ZoneOffset.UTC);

    @BeforeEach
    void healthy() {
        es.stub(HEALTH, LoggingFixtures.test("es-health-green.json"));
    }

    @AfterEach
    void stop() {
        es.close();
    }

    private List<Finding> run(Instant at, Samples samples) {
        return LoggingFixtures.run(at, samples, new EsIngestionCheck(es.targets()));
    }

    @Test
    void noIndexForTodayIsLog106OnTheIndexPattern() {
        es.stub(INDICES, LoggingFixtures.demo("es-indices-yesterday.json", now));

        assertThat(run(now, Samples.none())).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-106");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(Resource.of("IndexPattern", "smartcloudops-logs-*"));
            assertThat(f.checkId()).isEqualTo("elasticsearch.ingestion");
            assertThat(f.title()).isEqualTo("Today's log index smartcloudops-logs-2025.03.14 does not exist on "
                    + "Elasticsearch logs");
            assertThat(f.detail()).isEqualTo("No index smartcloudops-logs-2025.03.14 (2025-03-14, UTC) among "
                    + "smartcloudops-logs-*: Fluentd has written no log today; the newest index is "
                    + "smartcloudops-logs-2025.03.13.");
            assertThat(f.remediation()).contains("curl -s \"" + es.server.baseUrl()
                    + "/_cat/indices/smartcloudops-logs-*?v&s=index\"")
                    .contains("kubectl logs daemonset/fluentd -n smartcloudops-monitoring --tail=100");
        });
    }

    @Test
    void aNewestLogOlderThanMaxLogAgeIsLog107OnAFirstRun() {
        es.stub(INDICES, LoggingFixtures.demo("es-indices-today.json", now));
        es.stub(SEARCH, LoggingFixtures.demo("es-search-newest.json", now));

        assertThat(run(now, Samples.none())).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-107");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(Resource.of("IndexPattern", "smartcloudops-logs-*"));
            assertThat(f.title()).isEqualTo("Log ingestion into smartcloudops-logs-2025.03.14 on logs has stalled: no "
                    + "new log in 3h (limit 15m)");
            assertThat(f.evidence()).containsEntry("docs", "412087")
                    .containsEntry("newest", "2025-03-14T07:00:00Z");
        });
    }

    @Test
    void aCountThatDidNotGrowSinceThePreviousRunOfTheDayIsLog107AndOneThatWentDownIsNoComparison() {
        es.stub(INDICES, LoggingFixtures.demo("es-indices-today.json", now));
        // the newest log is from the second run's moment: only the count can tell
        es.stub(SEARCH, LoggingFixtures.demo("es-search-newest.json", now.plus(Duration.ofHours(4))));
        Samples first = Samples.none();
        assertThat(run(now, first)).isEmpty();

        Instant later = now.plus(Duration.ofHours(1));
        assertThat(run(later, SampleHistory.after(first, now))).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-107");
            assertThat(f.evidence()).containsEntry("window", "since the previous run at " + now);
        });

        es.stub(INDICES, LoggingFixtures.demo("es-indices-today.json", now).replace("\"412087\"", "\"412100\""));
        assertThat(run(later, SampleHistory.after(first, now))).isEmpty();
        es.stub(INDICES, LoggingFixtures.demo("es-indices-today.json", now).replace("\"412087\"", "\"10\""));
        assertThat(run(later, SampleHistory.after(first, now))).isEmpty();
        // the previous run counted yesterday's index: no comparison
        es.stub(INDICES, LoggingFixtures.demo("es-indices-today.json", now.plus(Duration.ofDays(1))));
        es.stub(SEARCH, LoggingFixtures.demo("es-search-newest.json", now.plus(Duration.ofHours(27))));
        assertThat(run(now.plus(Duration.ofDays(1)), SampleHistory.after(first, now))).isEmpty();
    }

    @Test
    void theDailyIndexNameIsConfigurable() {
        es.stub(INDICES, "[{\"health\":\"green\",\"status\":\"open\",\"index\":\"app-logs-20250314\",\"uuid\":\"u\","
                + "\"pri\":\"1\",\"rep\":\"1\",\"docs.count\":\"5\",\"docs.deleted\":\"0\",\"store.size\":\"1\","
                + "\"pri.store.size\":\"1\",\"dataset.size\":\"1\"}]");
        es.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/_cat/indices/app-logs-*?format=json"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "[{\"index\":\"app-logs-20250314\",\"docs.count\":\"5\"}]")));
        List<Finding> findings = LoggingFixtures.run(now, Samples.none(), new EsIngestionCheck(es.targets(
                "elasticsearch[0].index-prefix", "app-logs-", "elasticsearch[0].index-date-format", "yyyyMMdd")));
        assertThat(findings).isEmpty();   // present; the newest-log search is not stubbed: unknown, not stalled
    }
}
