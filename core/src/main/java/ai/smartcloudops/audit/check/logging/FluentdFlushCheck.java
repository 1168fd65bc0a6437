package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Slow flushes (LOG-204): slow_flush_count grew by at least the threshold and by at least the threshold share of
 * write_count (flushes) since the previous run; with no comparison (a first run, a restart) the same over Fluentd's
 * lifetime, both counters being cumulative since it started.
 */
@Component
public class FluentdFlushCheck extends FluentdCheck {

    static final String ID = "fluentd.flush";

    public FluentdFlushCheck(LoggingTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, String pluginId, JsonNode plugin, Window window,
                          LoggingProperties.FluentdThresholds thresholds, Map<String, Object> facts) {
        Map<String, Long> counts = window.growth().orElse(window.current());
        long slow = counts.get("slow_flush_count");
        long writes = counts.get("write_count");
        if (slow < thresholds.slowFlushes() || writes <= 0 || (double) slow / writes < thresholds.slowFlushRatio()) {
            return List.of();
        }
        facts.put("slow", slow);
        facts.put("writes", writes);
        facts.put("window", window.growth().isPresent() ? window.since() : "since Fluentd started");
        facts.put("ratio", Humanize.percent(100.0 * slow / writes));
        facts.put("minimum", thresholds.slowFlushes());
        facts.put("threshold", Humanize.percent(100 * thresholds.slowFlushRatio()));
        return List.of(Problem.of(LoggingCode.LOG_204, resource(pluginId), facts));
    }
}
