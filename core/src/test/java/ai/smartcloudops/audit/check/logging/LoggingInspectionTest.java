package ai.smartcloudops.audit.check.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Part;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Elasticsearch and Fluentd checks judged on snapshots built from captured answers under
 * src/test/resources/logging (_cluster/health, _cat/allocation, _cluster/settings, _nodes/stats/jvm, _cat/indices,
 * the newest-log search, /api/plugins.json), hostile ones included: names holding CR/LF, NUL, markup, shell and
 * spreadsheet formulas, numbers as strings, out of range, negative or missing. No server: the reads are tested
 * against WireMock in {@link LoggingSnapshotTest}. A finding keeps line breaks and shows NUL as U+FFFD.
 */
class LoggingInspectionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:30:00Z");
    private static final String URL = "https://elasticsearch.smartcloudops-monitoring:9200";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ElasticsearchSnapshot.Answer REFUSED = new ElasticsearchSnapshot.Answer(null,
            "GET " + URL + "/_cluster/settings: HTTP 403: security_exception");

    @Test
    void aRedClusterWithOutOfRangeCountsIsLog101AndItsPendingTasksLog103() {
        List<Finding> findings = inspect(new EsClusterHealthCheck(targets()),
                es(json("es-health-red-hostile.json"), null, REFUSED, null, null, REFUSED));

        Resource cluster = Resource.of("ElasticsearchCluster", "logs");
        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("LOG-101", Severity.P0, cluster, "Elasticsearch logs cluster health is red"),
                        tuple("LOG-103", Severity.P2, cluster, "Elasticsearch logs has 12 pending cluster tasks"));
        assertThat(findings.get(0).evidence()).containsEntry("nodes", "3")
                .containsEntry("unassigned", "9223372036854775807").containsEntry("initializing", "0")
                .containsEntry("relocating", "0").containsEntry("activePercent", "94.8%");
        assertThat(findings.get(1).evidence()).containsEntry("oldest", "1m33s");
    }

    @Test
    void aYellowClusterIsLog102UnlessItIsASingleNodeAndNegativePendingTasksAreNone() {
        ElasticsearchSnapshot yellow = es(json("es-health-yellow-pending-negative.json"), null, REFUSED, null, null,
                REFUSED);

        assertThat(inspect(new EsClusterHealthCheck(targets()), yellow))
                .extracting(f -> f.code().code(), Finding::severity, Finding::title)
                .containsExactly(tuple("LOG-102", Severity.P2,
                        "Elasticsearch logs cluster health is yellow: 29 shards unassigned"));
        assertThat(inspect(new EsClusterHealthCheck(targets("elasticsearch[0].single-node", "true")), yellow))
                .isEmpty();
    }

    @Test
    void disksPastTheConfiguredWatermarksWhenTheClusterRefusesItsSettingsAndRowsWithoutANumberAreSkipped() {
        List<Finding> findings = inspect(new EsDiskCheck(targets()), es(json("es-health-red-hostile.json"),
                json("es-cat-allocation-hostile.json"), REFUSED, null, null, REFUSED));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("LOG-104", Severity.P1,
                                Resource.of("ElasticsearchNode", "es-data-0\r\n<script>alert(1)</script>"),
                                "Elasticsearch node es-data-0\r\n<script>alert(1)</script> of logs disk is 96% full, "
                                        + "past the flood stage watermark"),
                        tuple("LOG-104", Severity.P3, Resource.of("ElasticsearchNode", "=HYPERLINK(\"http://evil\")"),
                                "Elasticsearch node =HYPERLINK(\"http://evil\") of logs disk is 86% full, past the "
                                        + "low watermark"));
        assertThat(findings.get(0).evidence()).containsEntry("used", "90 GiB").containsEntry("total", "93.8 GiB")
                .containsEntry("source", "configured");
    }

    @Test
    void theClustersOwnWatermarksTakeTransientOverPersistentOverDefaults() {
        List<Finding> findings = inspect(new EsDiskCheck(targets()), es(json("es-health-red-hostile.json"),
                json("es-cat-allocation-hostile.json"), answer("es-cluster-settings-mixed.json"), null, null,
                REFUSED));

        // low 85% (defaults), high 92% (persistent), flood stage 97% (transient, as a ratio)
        assertThat(findings).extracting(Finding::severity, f -> f.evidence().get("watermark"))
                .containsExactly(tuple(Severity.P2, "high"), tuple(Severity.P3, "low"));
        assertThat(findings.get(0).evidence()).containsEntry("low", "85%").containsEntry("high", "92%")
                .containsEntry("flood", "97%").containsEntry("source", "the cluster's settings");
    }

    @Test
    void heapAboveTheThresholdIsLog105ByNodeNameOrIdWhateverEitherHolds() {
        List<Finding> findings = inspect(new EsHeapCheck(targets()), es(json("es-health-red-hostile.json"), null,
                REFUSED, json("es-nodes-stats-jvm-hostile.json"), null, REFUSED));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("LOG-105", Severity.P2, Resource.of("ElasticsearchNode", "es-0\0$(reboot)"),
                                "Elasticsearch node es-0\uFFFD$(reboot) of logs JVM heap is 91% used"),
                        tuple("LOG-105", Severity.P2, Resource.of("ElasticsearchNode", "=HYPERLINK(\"x\")"),
                                "Elasticsearch node =HYPERLINK(\"x\") of logs JVM heap is 99% used"));
        assertThat(findings).extracting(f -> f.evidence().get("max")).containsExactly("4 GiB", "?");
    }

    @Test
    void noIndexForTodayIsLog106NamingTheNewestIndexAmongHostileNames() {
        List<Finding> findings = inspect(new EsIngestionCheck(targets()), es(json("es-health-red-hostile.json"),
                null, REFUSED, null, json("es-cat-indices-no-today.json"), REFUSED));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-106");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(Resource.of("IndexPattern", "smartcloudops-logs-*"));
            assertThat(f.title()).isEqualTo("Today's log index smartcloudops-logs-2026.12.06 does not exist on "
                    + "Elasticsearch logs");
            assertThat(f.detail()).startsWith("No index smartcloudops-logs-2026.12.06 (2026-12-06, UTC) among "
                    + "smartcloudops-logs-*: Fluentd has written no log today; the newest index is "
                    + "smartcloudops-logs-2026.12.05<script>.");
        });
    }

    @Test
    void aNewestLogOlderThanMaxLogAgeIsLog107AndASortValueThatIsNoDateJudgesNothing() {
        List<Finding> findings = inspect(new EsIngestionCheck(targets()), es(json("es-health-red-hostile.json"),
                null, REFUSED, null, json("es-cat-indices-today.json"), answer("es-search-newest-3h-old.json")));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(tuple("LOG-107", Severity.P1, Resource.of("IndexPattern", "smartcloudops-logs-*"),
                        "Log ingestion into smartcloudops-logs-2026.12.06 on logs has stalled: no new log in 3h "
                                + "(limit 15m)"));
        assertThat(findings.get(0).evidence()).containsEntry("docs", "412087")
                .containsEntry("newest", "2026-12-05T23:30:00Z");

        assertThat(inspect(new EsIngestionCheck(targets()), es(json("es-health-red-hostile.json"), null, REFUSED,
                null, json("es-cat-indices-today.json"), answer("es-search-newest-not-a-date.json")))).isEmpty();
    }

    @Test
    void aRequestThatFailedSkipsOnlyTheCheckThatNeedsIt() {
        CheckSkippedException failed = CheckSkippedException.unreachable("logs", "GET " + URL
                + "/_nodes/stats/jvm: HTTP 502", null);
        ElasticsearchSnapshot snapshot = new ElasticsearchSnapshot(json("es-health-red-hostile.json"), Part.unread(),
                REFUSED, Part.failed(failed), Part.unread(), REFUSED, Part.unread());

        assertThatThrownBy(() -> inspect(new EsHeapCheck(targets()), snapshot)).isSameAs(failed);
        assertThat(inspect(new EsClusterHealthCheck(targets()), snapshot)).hasSize(2);
    }

    @Test
    void aRetryingOutputWithAFullBufferALongQueueAndSlowFlushesIsEachLog2xxOnAFirstRun() {
        FluentdSnapshot snapshot = FluentdSnapshot.of(json("fluentd-plugins-hostile.json"));
        Resource out = Resource.of("FluentdOutput", "out_es\r\n$(id)");
        Resource s3 = Resource.of("FluentdOutput", "=HYPERLINK(\"http://evil\")");

        // the input and the output without a plugin_id are not judged
        assertThat(snapshot.outputs()).hasSize(3);
        assertThat(inspect(new FluentdRetryCheck(targets()), snapshot))
                .extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(tuple("LOG-201", Severity.P2, out,
                        "Fluentd fluentd output out_es\r\n$(id) failed 5 flushes since 2026-12-06T02:10:00Z"));
        List<Finding> buffers = inspect(new FluentdBufferCheck(targets()), snapshot);
        assertThat(buffers).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("LOG-202", Severity.P1, out,
                                "Fluentd fluentd output out_es\r\n$(id) buffer is 87.5% full"),
                        tuple("LOG-203", Severity.P2, out,
                                "Fluentd fluentd output out_es\r\n$(id) has 40 buffer chunks queued"),
                        tuple("LOG-202", Severity.P1, s3,
                                "Fluentd fluentd output =HYPERLINK(\"http://evil\") buffer is 90% full"));
        assertThat(buffers.get(0).detail()).startsWith("elasticsearch<script> output: 87.5% of its total_limit_size "
                + "(not in monitor_agent's config) is used (buffer_available_buffer_space_ratios 12.5; threshold 80%)");
        assertThat(buffers.get(2).evidence()).containsEntry("limit", "8 GiB")
                .containsEntry("source", "buffer_total_queued_size over total_limit_size");
        assertThat(inspect(new FluentdFlushCheck(targets()), snapshot))
                .extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(tuple("LOG-204", Severity.P3, out,
                        "Fluentd fluentd output out_es\r\n$(id) had 50 slow flushes since Fluentd started"));
    }

    private static List<Finding> inspect(ElasticsearchCheck check, ElasticsearchSnapshot snapshot) {
        CheckContext context = context(check, LoggingFixtures.CLUSTER, LoggingTargets.ELASTICSEARCH);
        return check.inspect(context, snapshot).stream().map(context::finding).toList();
    }

    private static List<Finding> inspect(FluentdCheck check, FluentdSnapshot snapshot) {
        CheckContext context = context(check, LoggingFixtures.FLUENTD, LoggingTargets.FLUENTD);
        return check.inspect(context, snapshot).stream().map(context::finding).toList();
    }

    private static CheckContext context(Check check, String target, String kind) {
        return new CheckContext(LoggingFixtures.scope(NOW, Samples.none()), check.id(), new Target(target, kind),
                Set.of(check.id()));
    }

    private static LoggingTargets targets(String... keyValues) {
        return LoggingFixtures.targetsAt(URL, keyValues);
    }

    private static ElasticsearchSnapshot es(JsonNode health, JsonNode allocation, ElasticsearchSnapshot.Answer settings,
                                            JsonNode nodes, JsonNode indices, ElasticsearchSnapshot.Answer newest) {
        return new ElasticsearchSnapshot(health, part(allocation), settings, part(nodes), part(indices), newest,
                Part.unread());
    }

    /** A request's answer as the read keeps it; null for one the check under test does not need. */
    private static Part<JsonNode> part(JsonNode answer) {
        return answer == null ? Part.unread() : Part.of(answer);
    }

    private static ElasticsearchSnapshot.Answer answer(String file) {
        return new ElasticsearchSnapshot.Answer(json(file), null);
    }

    private static JsonNode json(String file) {
        return JSON.readTree(LoggingFixtures.test(file));
    }
}
