package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /_cat/allocation?format=json&bytes=b}: a data node's disk past a watermark (LOG-104) — low P3 (no new
 * shards there), high P2 (shards move away), flood stage P1 (its indices become read-only: Fluentd's writes fail).
 * The watermarks are the cluster's own percentages from {@code _cluster/settings?include_defaults=true} when it
 * answers them (transient over persistent over defaults), the configured ones otherwise (a byte value there is free
 * space, not a share, and is not compared).
 */
@Component
public class EsDiskCheck extends ElasticsearchCheck {

    static final String ID = "elasticsearch.disk";
    static final String ALLOCATION = "/_cat/allocation?format=json&bytes=b";
    static final String SETTINGS = "/_cluster/settings?include_defaults=true&flat_settings=true";
    private static final String WATERMARK = "cluster.routing.allocation.disk.watermark.";

    public EsDiskCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    /** Percentages, and where they come from. */
    record Watermarks(double low, double high, double flood, String source) {
    }

    @Override
    List<Problem> inspect(CheckContext context, ElasticsearchSnapshot snapshot,
                          LoggingProperties.Elasticsearch cluster, LoggingProperties.EsThresholds thresholds) {
        JsonNode allocation = snapshot.allocation().get(context);
        Watermarks marks = watermarks(snapshot, thresholds);
        List<Problem> findings = new ArrayList<>();
        for (JsonNode row : allocation) {
            String node = Fields.text(row, "node");
            Double used = Fields.number(row, "disk.used");
            Double total = Fields.number(row, "disk.total");
            if (node == null || "UNASSIGNED".equals(node) || used == null || total == null || total <= 0) {
                continue;
            }
            double percent = used * 100 / total;
            String grade;
            String watermark;
            String consequence;
            if (percent >= marks.flood()) {
                grade = LoggingCode.FLOOD_STAGE;
                watermark = "flood stage";
                consequence = "Every index with a shard on this node is read-only (index.blocks.read_only_allow_delete):"
                        + " log writes to it fail.";
            } else if (percent >= marks.high()) {
                grade = Grade.DEFAULT;
                watermark = "high";
                consequence = "Elasticsearch relocates shards away from this node; the flood stage makes its "
                        + "indices read-only.";
            } else if (percent >= marks.low()) {
                grade = LoggingCode.LOW_WATERMARK;
                watermark = "low";
                consequence = "No new shard is allocated to this node, replicas of new daily indices included.";
            } else {
                continue;
            }
            Map<String, Object> facts = facts(cluster);
            facts.put("percent", Humanize.percent(percent));
            facts.put("watermark", watermark);
            facts.put("used", Humanize.bytes(used));
            facts.put("total", Humanize.bytes(total));
            facts.put("low", Humanize.percent(marks.low()));
            facts.put("high", Humanize.percent(marks.high()));
            facts.put("flood", Humanize.percent(marks.flood()));
            facts.put("source", marks.source());
            facts.put("consequence", consequence);
            findings.add(Problem.graded(LoggingCode.LOG_104, grade, Resource.of(NODE, node), facts)
                    .withValues(Map.of("indices", cluster.indexPattern())));
        }
        return findings;
    }

    static Watermarks watermarks(ElasticsearchSnapshot snapshot, LoggingProperties.EsThresholds thresholds) {
        Watermarks configured = new Watermarks(thresholds.diskLowPercent(), thresholds.diskHighPercent(),
                thresholds.diskFloodPercent(), "configured");
        if (!thresholds.clusterWatermarks()) {
            return configured;
        }
        JsonNode settings = snapshot.settings().body();
        if (settings == null) {
            return configured;
        }
        Double low = setting(settings, "low");
        Double high = setting(settings, "high");
        Double flood = setting(settings, "flood_stage");
        if (low == null || high == null || flood == null) {
            return configured;
        }
        return new Watermarks(low, high, flood, "the cluster's settings");
    }

    /** A watermark as a percentage ("85%" or the ratio "0.85"); null when unset or a byte value. */
    private static Double setting(JsonNode settings, String name) {
        for (String scope : List.of("transient", "persistent", "defaults")) {
            String value = Fields.text(settings.path(scope), WATERMARK + name);
            if (value == null) {
                continue;
            }
            value = value.trim();
            try {
                if (value.endsWith("%")) {
                    return Double.parseDouble(value.substring(0, value.length() - 1));
                }
                double ratio = Double.parseDouble(value);
                return ratio <= 1 ? ratio * 100 : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
