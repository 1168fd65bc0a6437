package ai.smartcloudops.audit.check.logging;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the audit reads of one Fluentd in a run, once for every Fluentd check of it: monitor_agent's
 * {@code /api/plugins.json}, of which the checks judge the output plugins. A Fluentd that does not answer it is
 * unreachable for every check.
 *
 * @param outputs the output plugins that have a plugin_id, in monitor_agent's order
 */
record FluentdSnapshot(List<JsonNode> outputs) {

    FluentdSnapshot {
        outputs = outputs.stream().map(JsonNode::deepCopy).toList();
    }

    /** The outputs of a {@code /api/plugins.json} answer. */
    static FluentdSnapshot of(JsonNode plugins) {
        List<JsonNode> outputs = new ArrayList<>();
        for (JsonNode plugin : plugins.path("plugins")) {
            if (Fields.text(plugin, "plugin_id") != null && ("output".equals(Fields.text(plugin, "plugin_category"))
                    || plugin.path("output_plugin").asBoolean(false))) {
                outputs.add(plugin);
            }
        }
        return new FluentdSnapshot(outputs);
    }
}
