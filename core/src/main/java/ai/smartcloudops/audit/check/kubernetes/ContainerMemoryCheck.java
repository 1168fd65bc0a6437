package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * K8S-204, the guide's {@code kubectl top pods --sort-by=memory}: a container whose working set
 * (metrics.k8s.io) is close to its memory limit, where the kernel OOM-kills it. Containers without a memory
 * limit are not judged here. Pods stream by first; only the memory limits of pods that have one are kept.
 */
@Component
public class ContainerMemoryCheck extends KubernetesCheck {

    static final String ID = "kubernetes.container-memory";

    /** The guide's "Increase Memory Limits": 4Gi limit, 2Gi request. */
    private static final BigDecimal GUIDE_LIMIT = BigDecimal.valueOf(4L << 30);

    public ContainerMemoryCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS, Kind.POD_METRICS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        int threshold = clusters.properties().memoryLimitPercentThreshold();
        Map<String, Limits> limits = new HashMap<>();
        List<Problem> findings = new ArrayList<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Pod pod && !KubernetesObjects.terminated(pod)) {
                    Limits.of(pod).ifPresent(l -> limits.put(key(pod), l));
                } else if (object instanceof PodMetrics metrics) {
                    Limits limit = limits.remove(key(metrics));
                    if (limit != null) {
                        judge(context, threshold, metrics, limit, findings);
                    }
                }
            }

            @Override
            public List<Problem> problems() {
                return findings;
            }
        };
    }

    private static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    private static void judge(CheckContext context, int threshold, PodMetrics metrics, Limits limits,
                              List<Problem> findings) {
        String worst = null;
        BigDecimal worstUsed = null;
        BigDecimal worstLimit = null;
        int worstPercent = -1;
        for (ContainerMetrics container : KubernetesObjects.list(metrics.getContainers())) {
            BigDecimal limit = limits.limit(container.getName());
            if (limit == null) {
                continue;
            }
            BigDecimal used = KubernetesObjects.bytes(
                    KubernetesObjects.map(container.getUsage()).get(KubernetesObjects.MEMORY));
            Integer percent = KubernetesObjects.percent(used, limit);
            if (percent != null && percent > worstPercent) {
                worst = container.getName();
                worstUsed = used;
                worstLimit = limit;
                worstPercent = percent;
            }
        }
        if (worst == null || worstPercent < threshold) {
            return;
        }
        boolean belowGuide = worstLimit.compareTo(GUIDE_LIMIT) < 0;
        BigDecimal suggestedLimit = belowGuide ? GUIDE_LIMIT : worstLimit.multiply(BigDecimal.valueOf(2));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", worst);
        facts.put("percent", worstPercent);
        facts.put("memoryUsed", KubernetesObjects.formatBytes(worstUsed));
        facts.put("memoryLimit", KubernetesObjects.formatBytes(worstLimit));
        facts.put("threshold", threshold);
        facts.put("workload", limits.workload());
        facts.put("suggestedLimit", KubernetesObjects.formatBytes(suggestedLimit));
        facts.put("suggestedRequest", KubernetesObjects.formatBytes(suggestedLimit.divide(BigDecimal.valueOf(2))));
        findings.add(Problem.of(KubernetesCode.K8S_204, new Resource("Pod", metrics.getMetadata().getNamespace(), metrics.getMetadata().getName()), facts));
    }

    /** The memory limits of one pod's long-running containers (sidecars included), in bytes, and its workload. */
    private record Limits(String workload, String[] containers, BigDecimal[] bytes) {

        static Optional<Limits> of(Pod pod) {
            PodSpec spec = KubernetesObjects.spec(pod);
            List<String> names = new ArrayList<>();
            List<BigDecimal> values = new ArrayList<>();
            Stream.concat(KubernetesObjects.list(spec.getInitContainers()).stream()
                                    .filter(c -> "Always".equals(c.getRestartPolicy())),
                            KubernetesObjects.list(spec.getContainers()).stream())
                    .forEach((Container c) -> KubernetesObjects.limit(c, KubernetesObjects.MEMORY)
                            .map(KubernetesObjects::bytes).filter(b -> b.signum() > 0).ifPresent(b -> {
                                names.add(c.getName());
                                values.add(b);
                            }));
            return names.isEmpty() ? Optional.empty() : Optional.of(new Limits(
                    KubernetesObjects.workload(pod), names.toArray(String[]::new), values.toArray(BigDecimal[]::new)));
        }

        BigDecimal limit(String container) {
            for (int i = 0; i < containers.length; i++) {
                if (containers[i].equals(container)) {
                    return bytes[i];
                }
            }
            return null;
        }
    }
}
