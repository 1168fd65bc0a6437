package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * An output failing to flush (LOG-201): retry_count grew by at least the threshold since the previous run, or the
 * output is retrying right now (its {@code retry} object has {@code steps}: failed flushes in the current retry
 * series, which a long backoff can leave unchanged between runs). With no comparison (a first run, a restart) only
 * the retry state counts: retry_count alone is cumulative since Fluentd started and says nothing about now.
 */
@Component
public class FluentdRetryCheck extends FluentdCheck {

    static final String ID = "fluentd.retries";

    public FluentdRetryCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, String pluginId, JsonNode plugin, Window window,
                          LoggingProperties.FluentdThresholds thresholds, Map<String, Object> facts) {
        JsonNode retry = plugin.path("retry");
        Double steps = Fields.number(retry, "steps");
        String state = steps == null ? "not retrying now"
                : "retrying now: " + steps.longValue() + " failed since " + Fields.text(retry, "start")
                        + ", next try at " + Fields.text(retry, "next_time");
        long retries;
        String description;
        long growth = window.growth().map(g -> g.get("retry_count")).orElse(0L);
        if (window.growth().isPresent() && growth >= thresholds.retries()) {
            retries = growth;
            description = window.since();
        } else if (steps != null && steps >= 1) {
            retries = steps.longValue();
            description = "since " + Fields.text(retry, "start");
        } else {
            return List.of();
        }
        facts.put("retries", retries);
        facts.put("window", description);
        facts.put("state", state);
        facts.put("queued", count(plugin, "buffer_total_queued_size"));
        return List.of(Problem.of(LoggingCode.LOG_201, resource(pluginId), facts));
    }
}
