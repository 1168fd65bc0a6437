package ai.smartcloudops.audit.check.logging;

import static ai.smartcloudops.audit.check.logging.LoggingFixtures.HEALTH;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EsClusterHealthCheckTest {

    private final LoggingFixtures es = new LoggingFixtures();

    @AfterEach
    void stop() {
        es.close();
    }

    private List<Finding> run(String... settings) {
        return LoggingFixtures.run(new EsClusterHealthCheck(es.targets(settings)));
    }

    @Test
    void redIsLog101AtP0AndTwelvePendingTasksAreLog103() {
        es.stub(HEALTH, LoggingFixtures.demo("es-health-red.json", Instant.now()));

        List<Finding> findings = run();

        assertThat(findings).extracting(f -> f.code().code()).containsExactly("LOG-101", "LOG-103");
        Finding red = findings.get(0);
        assertThat(red.severity()).isEqualTo(Severity.P0);
        assertThat(red.resource()).isEqualTo(Resource.of("ElasticsearchCluster", "logs"));
        assertThat(red.checkId()).isEqualTo("elasticsearch.cluster-health");
        assertThat(red.title()).isEqualTo("Elasticsearch logs cluster health is red");
        assertThat(red.detail()).contains("4 shards unassigned, 0 initializing, 0 relocating; 93.1% of shards active "
                + "on 3 nodes");
        assertThat(red.remediation()).contains("curl -s \"" + es.server.baseUrl() + "/_cluster/health\" | jq '.'")
                .contains("kubectl rollout restart statefulset/elasticsearch -n smartcloudops-monitoring");
        Finding pending = findings.get(1);
        assertThat(pending.severity()).isEqualTo(Severity.P2);
        assertThat(pending.title()).isEqualTo("Elasticsearch logs has 12 pending cluster tasks");
        assertThat(pending.evidence()).containsEntry("pending", "12").containsEntry("threshold", "10")
                .containsEntry("oldest", "1m35s");
        assertThat(pending.remediation()).contains("curl -s \"" + es.server.baseUrl() + "/_cluster/pending_tasks\"");
    }

    @Test
    void yellowIsLog102UnlessTheClusterIsSingleNode() {
        es.stub(HEALTH, LoggingFixtures.demo("es-health-yellow.json", Instant.now()));

        assertThat(run()).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-102");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.title()).isEqualTo("Elasticsearch logs cluster health is yellow: 10 shards unassigned");
            assertThat(f.remediation()).contains(es.server.baseUrl() + "/_cluster/allocation/explain");
        });
        assertThat(run("elasticsearch[0].single-node", "true")).isEmpty();
    }

    @Test
    void greenIsNothingAndPendingTasksHaveAnEdge() {
        es.stub(HEALTH, LoggingFixtures.test("es-health-green.json"));
        assertThat(run()).isEmpty();

        es.stub(HEALTH, LoggingFixtures.demo("es-health-red.json", Instant.now()));
        assertThat(run("elasticsearch-thresholds.pending-tasks", "13")).extracting(f -> f.code().code())
                .containsExactly("LOG-101");
        assertThat(run("elasticsearch[0].thresholds.pending-tasks", "12")).extracting(f -> f.code().code())
                .containsExactly("LOG-101", "LOG-103");
    }
}
