package ai.smartcloudops.audit.check.logging;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Urls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Fluentd check inspects the {@link FluentdSnapshot} of one monitor_agent per target ({@code GET
 * /api/plugins.json}, read once per run for every Fluentd check of it), output plugin by output plugin; it reads
 * nothing itself. A plugin is named by its plugin_id: its {@code @id}, or a random object id that changes
 * at every start when it has none (the guide's Fluentd should set {@code @id} on every output).
 */
abstract class FluentdCheck extends AreaCheck {

    static final String OUTPUT = "FluentdOutput";
    /** The cumulative counters of an output, kept from run to run. */
    static final List<String> COUNTERS = List.of("retry_count", "slow_flush_count", "write_count", "emit_count");

    protected final LoggingTargets targets;

    protected FluentdCheck(String id, LoggingTargets targets) {
        super(id, LoggingCode.class, targets::fluentdTargets);
        this.targets = targets;
    }

    /** What the check finds in one output plugin, whose facts start as {@code facts}. */
    abstract List<Problem> inspect(CheckContext context, String pluginId, JsonNode plugin, Window window,
                                   LoggingProperties.FluentdThresholds thresholds, Map<String, Object> facts);

    /** What the check finds in the Fluentd's snapshot, output plugin by output plugin. */
    final List<Problem> inspect(CheckContext context, FluentdSnapshot snapshot) {
        LoggingProperties.Fluentd fluentd = targets.fluentd(context);
        LoggingProperties.FluentdThresholds thresholds = targets.properties().thresholdsOf(fluentd);
        List<Problem> findings = new ArrayList<>();
        for (JsonNode plugin : snapshot.outputs()) {
            String pluginId = Fields.text(plugin, "plugin_id");
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("url", Urls.mask(fluentd.api().url()));
            String type = Fields.text(plugin, "type");
            facts.put("type", type == null ? "?" : type);
            findings.addAll(inspect(context, pluginId, plugin, Window.of(context, pluginId, plugin), thresholds,
                    facts));
        }
        return findings;
    }

    @Override
    public final List<Problem> run(CheckContext context) {
        return inspect(context, context.shared(SharedKey.of("fluentd.snapshot", FluentdSnapshot.class),
                () -> targets.readFluentd(context)));
    }

    static Resource resource(String pluginId) {
        return Resource.of(OUTPUT, pluginId);
    }

    static long count(JsonNode plugin, String field) {
        Double value = Fields.number(plugin, field);
        return value == null ? 0 : value.longValue();
    }

    /**
     * An output's cumulative counters now and their growth since their previous sample, whichever job took it
     * ({@link CounterWindow}); no growth (no comparison) for a plugin_id never sampled, or when a counter went down
     * (Fluentd restarted: its counters start again at zero, at a time monitor_agent does not say).
     *
     * @param since the window of the growth, e.g. "since the previous run at 2026-05-01T11:00:00Z"
     */
    record Window(Map<String, Long> current, Optional<Map<String, Long>> growth, String since) {

        static Window of(CheckContext context, String pluginId, JsonNode plugin) {
            Map<String, Long> current = new LinkedHashMap<>();
            COUNTERS.forEach(counter -> current.put(counter, count(plugin, counter)));
            CounterWindow window = CounterWindow.of(context, "fluentd." + pluginId, null, current);
            return new Window(current, window.kind() == CounterWindow.Kind.PREVIOUS ? Optional.of(window.growth())
                    : Optional.empty(), window.description());
        }
    }
}
