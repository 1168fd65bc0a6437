package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The server's own state: no active Alertmanager (PROM-105), a configuration reload that failed (PROM-106), and more
 * head series than tsdb-series (PROM-107).
 */
@Component
public class ServerStatusCheck extends PrometheusCheck {

    static final String ID = "prometheus.server";
    private static final int TOP = 3;

    public ServerStatusCheck(PrometheusTargets prometheusTargets) {
        super(ID, prometheusTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PrometheusSnapshot snapshot) {
        JsonNode alertmanagers = snapshot.alertmanagers().get(context);
        List<Problem> findings = new ArrayList<>();
        if (alertmanagers.path("activeAlertmanagers").isEmpty()) {
            long alerting = snapshot.rules().get(context).stream()
                    .filter(r -> "alerting".equals(r.type())).count();
            Map<String, Object> facts = facts(context);
            facts.put("dropped", alertmanagers.path("droppedAlertmanagers").size());
            facts.put("alertingRules", alerting);
            findings.add(Problem.of(PrometheusCode.PROM_105, server(context), facts));
        }
        JsonNode runtime = snapshot.runtimeInfo();
        if (runtime.path("reloadConfigSuccess").isBoolean() && !runtime.path("reloadConfigSuccess").asBoolean()) {
            Map<String, Object> facts = facts(context);
            facts.put("lastConfigTime", runtime.path("lastConfigTime").asString("unknown"));
            findings.add(Problem.of(PrometheusCode.PROM_106, server(context), facts));
        }
        JsonNode tsdb = snapshot.tsdb().get(context);
        long series = tsdb.path("headStats").path("numSeries").asLong(0);
        long threshold = prometheusTargets.properties().thresholds().tsdbSeries();
        if (series > threshold) {
            Map<String, Object> facts = facts(context);
            facts.put("series", series);
            facts.put("threshold", threshold);
            facts.put("topMetrics", String.join(", ", StreamSupport.stream(
                    tsdb.path("seriesCountByMetricName").spliterator(), false).limit(TOP)
                    .map(m -> m.path("name").asString() + " " + m.path("value").asLong()).toList()));
            findings.add(Problem.of(PrometheusCode.PROM_107, server(context), facts));
        }
        return findings;
    }
}
