package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PROM-113: a persistent volume filling up, by the kubelet's volume statistics and the rule of the Kubernetes mixin's
 * KubePersistentVolumeFillingUp: less than 3 % free, or less than 15 % free and, at the rate of the last 6 hours, full
 * within 4 days. Volumes mounted read-only many are left out, as the mixin leaves them.
 */
@Component
public class VolumesCheck extends PrometheusCheck {

    static final String ID = "prometheus.volumes";

    /** The free fraction of each volume below 15 %. */
    static final String LOW = "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.15 "
            + "unless on (namespace, persistentvolumeclaim) "
            + "kube_persistentvolumeclaim_access_mode{access_mode=\"ReadOnlyMany\"} == 1";
    /** The volumes whose free bytes, at the rate of the last 6 hours, run out within 4 days. */
    static final String FILLING = "predict_linear(kubelet_volume_stats_available_bytes[6h], 4 * 24 * 3600) < 0";
    private static final double ALMOST_FULL = 0.03;

    public VolumesCheck(PrometheusTargets prometheusTargets) {
        super(ID, prometheusTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PrometheusSnapshot snapshot) {
        PrometheusSnapshot.Volumes volumes = snapshot.volumes().get(context);
        List<Problem> findings = new ArrayList<>();
        for (PrometheusApi.Sample low : volumes.low()) {
            List<String> claim = claim(low);
            // a series of another exporter, or a ratio of a volume that reports no capacity
            if (claim == null || !Double.isFinite(low.value())) {
                continue;
            }
            boolean almostFull = low.value() < ALMOST_FULL;
            boolean filling = volumes.filling().contains(claim);
            if (!almostFull && !filling) {
                continue;
            }
            Map<String, Object> facts = facts(context);
            facts.put("free", String.format(Locale.ROOT, "%.1f", Math.max(0, low.value()) * 100));
            facts.put("outlook", filling ? "At the rate of the last 6 hours it is full within 4 days."
                    : "It is not filling at the rate of the last 6 hours, but what is left is under 3 %.");
            findings.add(Problem.graded(PrometheusCode.PROM_113, almostFull ? PrometheusCode.ALMOST_FULL
                    : Grade.DEFAULT, new Resource("PersistentVolumeClaim", claim.get(0), claim.get(1)), facts));
        }
        return findings;
    }

    /** The namespace and name of the claim a series is about, or null for a series that names none. */
    static List<String> claim(PrometheusApi.Sample sample) {
        String namespace = sample.labels().get("namespace");
        String claim = sample.labels().get("persistentvolumeclaim");
        return namespace == null || claim == null ? null : List.of(namespace, claim);
    }
}
