package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code GET /_nodes/stats/jvm}: a node's heap_used_percent above the threshold (LOG-105). */
@Component
public class EsHeapCheck extends ElasticsearchCheck {

    static final String ID = "elasticsearch.heap";
    static final String NODES_JVM = "/_nodes/stats/jvm";

    public EsHeapCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, ElasticsearchSnapshot snapshot,
                          LoggingProperties.Elasticsearch cluster, LoggingProperties.EsThresholds thresholds) {
        JsonNode nodes = snapshot.nodes().get(context).path("nodes");
        List<Problem> findings = new ArrayList<>();
        for (var entry : nodes.properties()) {
            JsonNode node = entry.getValue();
            JsonNode mem = node.path("jvm").path("mem");
            Double percent = Fields.number(mem, "heap_used_percent");
            if (percent == null || percent <= thresholds.heapPercent()) {
                continue;
            }
            String name = Fields.text(node, "name");
            Double max = Fields.number(mem, "heap_max_in_bytes");
            Map<String, Object> facts = facts(cluster);
            facts.put("percent", percent.longValue() + "%");
            facts.put("max", max == null ? "?" : Humanize.bytes(max));
            facts.put("threshold", thresholds.heapPercent() + "%");
            findings.add(Problem.of(LoggingCode.LOG_105, Resource.of(NODE, name == null ? entry.getKey() : name), facts));
        }
        return findings;
    }
}
