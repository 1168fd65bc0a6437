package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /_cluster/health}: red (LOG-101), yellow (LOG-102; expected on a single-node cluster, whose replicas
 * can never be assigned), and the master's pending tasks (LOG-103).
 */
@Component
public class EsClusterHealthCheck extends ElasticsearchCheck {

    public static final String ID = "elasticsearch.cluster-health";

    public EsClusterHealthCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, ElasticsearchSnapshot snapshot,
                          LoggingProperties.Elasticsearch cluster, LoggingProperties.EsThresholds thresholds) {
        JsonNode health = snapshot.health();
        Resource resource = Resource.of(CLUSTER, context.target().name());
        List<Problem> findings = new ArrayList<>();
        String status = Fields.text(health, "status");
        if ("red".equals(status) || "yellow".equals(status) && !cluster.singleNode()) {
            Map<String, Object> facts = facts(cluster);
            facts.put("status", status);
            facts.put("nodes", count(health, "number_of_nodes"));
            facts.put("unassigned", count(health, "unassigned_shards"));
            facts.put("initializing", count(health, "initializing_shards"));
            facts.put("relocating", count(health, "relocating_shards"));
            Double active = Fields.number(health, "active_shards_percent_as_number");
            facts.put("activePercent", active == null ? "?" : Humanize.percent(active));
            findings.add(Problem.of("red".equals(status) ? LoggingCode.LOG_101 : LoggingCode.LOG_102, resource, facts));
        }
        long pending = count(health, "number_of_pending_tasks");
        if (pending >= thresholds.pendingTasks()) {
            Map<String, Object> facts = facts(cluster);
            facts.put("pending", pending);
            facts.put("threshold", thresholds.pendingTasks());
            facts.put("oldest", Duration.ofMillis(count(health, "task_max_waiting_in_queue_millis")).toString()
                    .substring(2).toLowerCase(Locale.ROOT));
            findings.add(Problem.of(LoggingCode.LOG_103, resource, facts));
        }
        return findings;
    }

    private static long count(JsonNode node, String field) {
        Double value = Fields.number(node, field);
        return value == null ? 0 : value.longValue();
    }
}
