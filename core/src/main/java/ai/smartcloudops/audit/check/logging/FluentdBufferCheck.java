package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * An output's buffer: its use of total_limit_size at or above the threshold (LOG-202) and a long flush queue
 * (LOG-203). The use is Fluentd's own {@code buffer_available_buffer_space_ratios} (1.13+: free share of
 * total_limit_size); without it, buffer_total_queued_size over a {@code total_limit_size} in the plugin's
 * {@code config}. monitor_agent's config holds the plugin's own parameters, not its {@code <buffer>} section, and
 * Fluentd's default limit depends on the buffer type it does not show: with neither, LOG-202 is not judged for that
 * output.
 */
@Component
public class FluentdBufferCheck extends FluentdCheck {

    static final String ID = "fluentd.buffer";

    public FluentdBufferCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, String pluginId, JsonNode plugin, Window window,
                          LoggingProperties.FluentdThresholds thresholds, Map<String, Object> facts) {
        List<Problem> findings = new ArrayList<>();
        long queued = count(plugin, "buffer_total_queued_size");
        Long limit = Fields.size(Fields.text(plugin.path("config"), "total_limit_size"));
        Double available = Fields.number(plugin, "buffer_available_buffer_space_ratios");
        Double used = null;
        String source = null;
        if (available != null) {
            used = 100 - available;
            source = "buffer_available_buffer_space_ratios " + available;
        } else if (limit != null && limit > 0) {
            used = queued * 100.0 / limit;
            source = "buffer_total_queued_size over total_limit_size";
        }
        if (used != null && used >= thresholds.bufferPercent()) {
            Map<String, Object> buffer = new LinkedHashMap<>(facts);
            buffer.put("percent", Humanize.percent(used));
            buffer.put("limit", limit == null ? "(not in monitor_agent's config)" : Humanize.bytes(limit));
            buffer.put("queued", Humanize.bytes(queued));
            buffer.put("source", source);
            buffer.put("threshold", thresholds.bufferPercent() + "%");
            findings.add(Problem.of(LoggingCode.LOG_202, resource(pluginId), buffer));
        }
        long length = count(plugin, "buffer_queue_length");
        if (length >= thresholds.queueLength()) {
            Map<String, Object> queue = new LinkedHashMap<>(facts);
            queue.put("length", length);
            queue.put("threshold", thresholds.queueLength());
            queue.put("queued", queued);
            findings.add(Problem.of(LoggingCode.LOG_203, resource(pluginId), queue));
        }
        return findings;
    }
}
