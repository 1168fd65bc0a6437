package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * K8S-304: an autoscaler running at, and asking for, its maxReplicas: more load gets no more replicas.
 */
@Component
public class HpaMaxCheck extends KubernetesCheck {

    static final String ID = "kubernetes.hpa-max";

    public HpaMaxCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.HORIZONTAL_POD_AUTOSCALERS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return Inspection.each(HorizontalPodAutoscaler.class, (hpa, findings) -> {
            Integer max = hpa.getSpec() == null ? null : hpa.getSpec().getMaxReplicas();
            HorizontalPodAutoscalerStatus status = hpa.getStatus();
            if (max == null || status == null || status.getCurrentReplicas() == null) {
                return;
            }
            int current = status.getCurrentReplicas();
            int desired = KubernetesObjects.count(status.getDesiredReplicas());
            if (current < max || desired < max) {
                return;
            }
            Integer min = hpa.getSpec().getMinReplicas();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("scaleTarget", scaleTarget(hpa.getSpec().getScaleTargetRef()));
            facts.put("currentReplicas", current);
            facts.put("desiredReplicas", desired);
            // the API server defaults minReplicas to 1
            facts.put("minReplicas", min == null ? 1 : min);
            facts.put("maxReplicas", max);
            facts.put("metrics", metrics(status));
            facts.put("limited", KubernetesObjects.condition(status.getConditions(),
                            HorizontalPodAutoscalerCondition::getType, "ScalingLimited")
                    .filter(c -> "True".equals(c.getStatus()))
                    .map(c -> KubernetesObjects.orElse(c.getMessage(), "ScalingLimited ("
                            + KubernetesObjects.orElse(c.getReason(), "no reason") + ")"))
                    .orElse("no ScalingLimited condition reported"));
            // half as many again, at least one more
            facts.put("suggestedMax", Math.max(max + 1, (int) Math.ceil(max * 1.5)));
            findings.add(Problem.of(KubernetesCode.K8S_304, KubernetesObjects.resource("HorizontalPodAutoscaler", hpa), facts));
        });
    }

    private static String scaleTarget(CrossVersionObjectReference ref) {
        if (ref == null || ref.getName() == null) {
            return "<unknown target>";
        }
        return KubernetesObjects.orElse(ref.getKind(), "<kind>") + "/" + ref.getName();
    }

    /** The current metrics as {@code kubectl get hpa} shows them: "cpu 92%, memory 71%". */
    private static String metrics(HorizontalPodAutoscalerStatus status) {
        String metrics = KubernetesObjects.list(status.getCurrentMetrics()).stream()
                .map(HpaMaxCheck::metric).filter(Objects::nonNull).collect(Collectors.joining(", "));
        return metrics.isEmpty() ? "not reported" : metrics;
    }

    private static String metric(MetricStatus metric) {
        if (metric.getResource() != null) {
            return metric.getResource().getName() + " " + value(metric.getResource().getCurrent());
        }
        if (metric.getContainerResource() != null) {
            return metric.getContainerResource().getContainer() + "/" + metric.getContainerResource().getName()
                    + " " + value(metric.getContainerResource().getCurrent());
        }
        if (metric.getPods() != null && metric.getPods().getMetric() != null) {
            return metric.getPods().getMetric().getName() + " " + value(metric.getPods().getCurrent());
        }
        if (metric.getObject() != null && metric.getObject().getMetric() != null) {
            return metric.getObject().getMetric().getName() + " " + value(metric.getObject().getCurrent());
        }
        if (metric.getExternal() != null && metric.getExternal().getMetric() != null) {
            return metric.getExternal().getMetric().getName() + " " + value(metric.getExternal().getCurrent());
        }
        return null;
    }

    private static String value(MetricValueStatus value) {
        if (value == null) {
            return "unknown";
        }
        return Stream.of(
                        value.getAverageUtilization() == null ? null : value.getAverageUtilization() + "%",
                        value.getAverageValue() == null ? null : value.getAverageValue().toString(),
                        value.getValue() == null ? null : value.getValue().toString())
                .filter(Objects::nonNull).findFirst().orElse("unknown");
    }
}
