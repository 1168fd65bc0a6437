package ai.smartcloudops.audit.check.logging;

import static ai.smartcloudops.audit.check.logging.LoggingFixtures.ALLOCATION;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.HEALTH;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.NODES;
import static ai.smartcloudops.audit.check.logging.LoggingFixtures.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EsDiskAndHeapCheckTest {

    private final LoggingFixtures es = new LoggingFixtures();

    @BeforeEach
    void healthy() {
        es.stub(HEALTH, LoggingFixtures.test("es-health-green.json"));
    }

    @AfterEach
    void stop() {
        es.close();
    }

    private static String allocation(String percent) {
        long total = 107374182400L;
        long used = (long) (total * Double.parseDouble(percent) / 100);
        return "[{\"shards\":\"20\",\"disk.indices\":\"1\",\"disk.used\":\"" + used + "\",\"disk.avail\":\""
                + (total - used) + "\",\"disk.total\":\"" + total + "\",\"disk.percent\":\"" + (int) Double.parseDouble(
                percent) + "\",\"host\":\"10.0.3.21\",\"ip\":\"10.0.3.21\",\"node\":\"es-0\",\"node.role\":\"cdfhilmrstw\"}]";
    }

    private List<Finding> disk(String... settings) {
        return LoggingFixtures.run(new EsDiskCheck(es.targets(settings)));
    }

    @Test
    void aNodePastTheFloodStageIsLog104AtP1() {
        es.stub(ALLOCATION, LoggingFixtures.demo("es-allocation-flood.json", Instant.now()));
        es.stub(SETTINGS, LoggingFixtures.demo("es-cluster-settings.json", Instant.now()));

        assertThat(disk()).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-104");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(Resource.of("ElasticsearchNode", "elasticsearch-0"));
            assertThat(f.checkId()).isEqualTo("elasticsearch.disk");
            assertThat(f.title()).isEqualTo("Elasticsearch node elasticsearch-0 of logs disk is 95.5% full, past the "
                    + "flood stage watermark");
            assertThat(f.evidence()).containsEntry("used", "95.5 GiB").containsEntry("total", "100 GiB")
                    .containsEntry("source", "the cluster's settings");
            assertThat(f.detail()).contains("read-only");
            assertThat(f.remediation()).contains("curl -s \"" + es.server.baseUrl() + "/_cat/allocation?v\"")
                    .contains("index.blocks.read_only_allow_delete");
        });
    }

    @Test
    void aFullNodeIsToldToFreeTheClustersOwnLogIndicesNotTheGuides() {
        es.stub(ALLOCATION, LoggingFixtures.demo("es-allocation-flood.json", Instant.now()));
        es.stub(SETTINGS, LoggingFixtures.demo("es-cluster-settings.json", Instant.now()));

        assertThat(disk("elasticsearch[0].index-prefix", "payments-logs-")).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-104");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.remediation()).isEqualTo("""
                    curl -s "%1$s/_cat/allocation?v"
                    curl -s "%1$s/_cat/indices/payments-logs-*?v&s=index"
                    # free space: delete the oldest log indices (or let ILM do it), e.g.
                    curl -s -X DELETE "%1$s/$OLDEST_INDEX"
                    # after the flood stage, once there is room again (8.x lifts the block itself when below high):
                    curl -s -X PUT "%1$s/payments-logs-*/_settings" -H 'Content-Type: application/json' \
                    -d '{"index.blocks.read_only_allow_delete": null}'""".formatted(es.server.baseUrl()));
            assertThat(f.remediation()).doesNotContain("smartcloudops");
        });
    }

    @Test
    void eachWatermarkHasItsSeverityAndTheClustersOwnWatermarksWin() {
        es.stub(SETTINGS, "{\"persistent\":{\"cluster.routing.allocation.disk.watermark.low\":\"0.70\"},"
                + "\"transient\":{},\"defaults\":{\"cluster.routing.allocation.disk.watermark.low\":\"85%\","
                + "\"cluster.routing.allocation.disk.watermark.high\":\"90%\","
                + "\"cluster.routing.allocation.disk.watermark.flood_stage\":\"95%\"}}");
        es.stub(ALLOCATION, allocation("72"));
        assertThat(disk()).extracting(Finding::severity).containsExactly(Severity.P3);
        assertThat(disk("elasticsearch-thresholds.cluster-watermarks", "false")).isEmpty();

        es.stub(ALLOCATION, allocation("90"));
        assertThat(disk()).extracting(Finding::severity).containsExactly(Severity.P2);
        es.stub(ALLOCATION, allocation("89.9"));
        assertThat(disk()).extracting(Finding::severity).containsExactly(Severity.P3);
    }

    @Test
    void withoutTheSettingsTheConfiguredWatermarksApply() {
        es.stub(SETTINGS, "{\"error\":{\"type\":\"security_exception\"},\"status\":403}");
        es.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(SETTINGS)).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)));
        es.stub(ALLOCATION, allocation("84.9"));
        assertThat(disk()).isEmpty();
        es.stub(ALLOCATION, allocation("85"));
        assertThat(disk()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.evidence()).containsEntry("source", "configured").containsEntry("low", "85%");
        });
    }

    @Test
    void aHeapAbove85PercentIsLog105() {
        es.stub(NODES, LoggingFixtures.demo("es-nodes-jvm.json", Instant.now()));

        assertThat(LoggingFixtures.run(new EsHeapCheck(es.targets()))).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-105");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(Resource.of("ElasticsearchNode", "elasticsearch-0"));
            assertThat(f.title()).isEqualTo("Elasticsearch node elasticsearch-0 of logs JVM heap is 91% used");
            assertThat(f.evidence()).containsEntry("max", "4 GiB").containsEntry("threshold", "85%");
            assertThat(f.remediation()).contains("curl -s \"" + es.server.baseUrl()
                    + "/_nodes/elasticsearch-0/stats/jvm\"");
        });
        assertThat(LoggingFixtures.run(new EsHeapCheck(es.targets("elasticsearch-thresholds.heap-percent", "91"))))
                .isEmpty();
    }
}
