package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PROM-114: a container throttled in more than 25 % of its CFS periods over the last 5 minutes, the Kubernetes mixin's
 * CPUThrottlingHigh: its CPU limit holds it back, which shows as latency before it shows as load.
 */
@Component
public class ThrottlingCheck extends PrometheusCheck {

    static final String ID = "prometheus.cpu-throttling";

    /** The throttled fraction of each container's CFS periods, where it is above 25 %. */
    static final String QUERY = "sum by (namespace, pod, container) "
            + "(increase(container_cpu_cfs_throttled_periods_total{container!=\"\"}[5m])) "
            + "/ sum by (namespace, pod, container) (increase(container_cpu_cfs_periods_total{container!=\"\"}[5m])) "
            + "> 0.25";

    public ThrottlingCheck(PrometheusTargets prometheusTargets) {
        super(ID, prometheusTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PrometheusSnapshot snapshot) {
        List<Problem> findings = new ArrayList<>();
        for (PrometheusApi.Sample sample : snapshot.throttled().get(context)) {
            String namespace = sample.labels().get("namespace");
            String pod = sample.labels().get("pod");
            String container = sample.labels().get("container");
            if (namespace == null || pod == null || container == null || !Double.isFinite(sample.value())) {
                continue;
            }
            Map<String, Object> facts = facts(context);
            facts.put("pod", pod);
            facts.put("container", container);
            facts.put("percent", Math.round(Math.min(1, sample.value()) * 100));
            findings.add(Problem.of(PrometheusCode.PROM_114, new Resource("Container", namespace,
                    pod + "/" + container), facts));
        }
        return findings;
    }
}
