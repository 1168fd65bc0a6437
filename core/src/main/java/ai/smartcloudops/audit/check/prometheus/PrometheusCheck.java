package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Urls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus check inspects the server's {@link PrometheusSnapshot}, read once per run for every Prometheus check
 * of the server, and says what problems it sees; it reads nothing itself.
 */
abstract class PrometheusCheck extends AreaCheck {

    protected final PrometheusTargets prometheusTargets;

    protected PrometheusCheck(String id, PrometheusTargets prometheusTargets) {
        super(id, PrometheusCode.class, prometheusTargets::targets);
        this.prometheusTargets = prometheusTargets;
    }

    /** The server itself: one finding per code and server. */
    static Resource server(CheckContext context) {
        return new Resource("Prometheus", null, context.target().name());
    }

    /** Facts every finding of a server carries first: its URL, for the remediation's curl commands. */
    Map<String, Object> facts(CheckContext context) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("url", Urls.mask(prometheusTargets.server(context).endpoint().url()));
        return facts;
    }

    /**
     * A sample value as Prometheus writes it, +Inf, -Inf and NaN included; one too large to round through a long is
     * shown as it is.
     */
    static String number(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }
        if (Math.abs(value) >= 1e15) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        return String.valueOf(Math.round(value * 1000) / 1000.0);
    }

    /** At most {@code max} items joined, with how many more there are. */
    static String some(List<String> items, int max) {
        String shown = String.join("; ", items.subList(0, Math.min(max, items.size())));
        return items.size() > max ? shown + "; and " + (items.size() - max) + " more" : shown;
    }

    /** What the check finds in the server's snapshot. */
    abstract List<Problem> inspect(CheckContext context, PrometheusSnapshot snapshot);

    @Override
    public final List<Problem> run(CheckContext context) {
        return inspect(context, context.shared(SharedKey.of("prometheus.snapshot", PrometheusSnapshot.class),
                () -> prometheusTargets.read(context)));
    }
}
