package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The guide's {@code kubectl top pods}: the container of a pod whose use of one resource (metrics.k8s.io) is closest to
 * its limit, when at or over a threshold. Containers without a limit on that resource are not judged. Pods stream by
 * first; only the limits of pods that have one are kept until their metrics arrive.
 */
abstract class ContainerLimitCheck extends KubernetesCheck {

    private final String resource;
    private final Function<Quantity, BigDecimal> amount;

    /**
     * @param resource {@link KubernetesObjects#CPU} or {@link KubernetesObjects#MEMORY}
     * @param amount   how a quantity of it is compared: millicores or bytes
     */
    ContainerLimitCheck(String id, KubernetesClusters clusters, String resource,
                        Function<Quantity, BigDecimal> amount) {
        super(id, clusters);
        this.resource = resource;
        this.amount = amount;
    }

    @Override
    final Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS, Kind.POD_METRICS);
    }

    /** The percent of its limit at or over which a container's use is a finding. */
    abstract int threshold(KubernetesProperties properties);

    /** The finding for the pod whose container is the one closest to its limit. */
    abstract Problem problem(PodMetrics pod, Closest closest, int threshold);

    /**
     * The container of a pod closest to its limit.
     *
     * @param workload the pod's workload as kubectl names it (deployment/name), or the pod
     */
    record Closest(String container, BigDecimal used, BigDecimal limit, int percent, String workload) {
    }

    @Override
    final Inspection inspect(CheckContext context) {
        int threshold = threshold(clusters.properties());
        Map<String, Limits> limits = new HashMap<>();
        List<Problem> findings = new ArrayList<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Pod pod && !KubernetesObjects.terminated(pod)) {
                    limits(pod).ifPresent(l -> limits.put(key(pod), l));
                } else if (object instanceof PodMetrics metrics) {
                    Limits limit = limits.remove(key(metrics));
                    Closest closest = limit == null ? null : closest(metrics, limit);
                    if (closest != null && closest.percent() >= threshold) {
                        findings.add(problem(metrics, closest, threshold));
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

    private Closest closest(PodMetrics metrics, Limits limits) {
        Closest closest = null;
        for (ContainerMetrics container : KubernetesObjects.list(metrics.getContainers())) {
            BigDecimal limit = limits.limit(container.getName());
            if (limit == null) {
                continue;
            }
            BigDecimal used = amount.apply(KubernetesObjects.map(container.getUsage()).get(resource));
            Integer percent = KubernetesObjects.percent(used, limit);
            if (percent != null && (closest == null || percent > closest.percent())) {
                closest = new Closest(container.getName(), used, limit, percent, limits.workload());
            }
        }
        return closest;
    }

    /** The limits of one pod's long-running containers (sidecars included) on the resource, if any has one. */
    private Optional<Limits> limits(Pod pod) {
        PodSpec spec = KubernetesObjects.spec(pod);
        List<String> names = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        Stream.concat(KubernetesObjects.list(spec.getInitContainers()).stream()
                                .filter(c -> "Always".equals(c.getRestartPolicy())),
                        KubernetesObjects.list(spec.getContainers()).stream())
                .forEach((Container c) -> KubernetesObjects.limit(c, resource).map(amount)
                        .filter(b -> b.signum() > 0).ifPresent(b -> {
                            names.add(c.getName());
                            values.add(b);
                        }));
        return names.isEmpty() ? Optional.empty() : Optional.of(new Limits(KubernetesObjects.workload(pod),
                names.toArray(String[]::new), values.toArray(BigDecimal[]::new)));
    }

    /** One pod's limits by container, in arrays: a large cluster keeps many of these at once. */
    private record Limits(String workload, String[] containers, BigDecimal[] amounts) {

        BigDecimal limit(String container) {
            for (int i = 0; i < containers.length; i++) {
                if (containers[i].equals(container)) {
                    return amounts[i];
                }
            }
            return null;
        }
    }
}
