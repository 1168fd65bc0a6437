package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * K8S-205, the guide's "Check Resource Limits": containers without CPU or memory requests, or without a memory
 * limit. One finding per workload (the replicas of a Deployment share their template); only the workloads that
 * miss something are kept while pods stream by.
 */
@Component
public class ResourceLimitsCheck extends KubernetesCheck {

    static final String ID = "kubernetes.resource-limits";

    public ResourceLimitsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Map<Resource, Missing> workloads = new LinkedHashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (!(object instanceof Pod pod) || KubernetesObjects.terminated(pod)) {
                    return;
                }
                Map<String, List<String>> missing = missing(pod);
                if (missing.isEmpty()) {
                    return;
                }
                Missing known = workloads.putIfAbsent(KubernetesObjects.workloadResource(pod),
                        new Missing(pod.getMetadata().getName(), KubernetesObjects.workload(pod), missing));
                if (known != null) {
                    known.pods++;
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                workloads.forEach((workload, missing) -> {
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("missing", missing.containers.entrySet().stream()
                            .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                            .collect(Collectors.joining("; ")));
                    facts.put("container", missing.containers.keySet().iterator().next());
                    facts.put("pod", missing.pod);
                    facts.put("pods", missing.pods);
                    facts.put("workload", missing.workload);
                    findings.add(Problem.of(KubernetesCode.K8S_205, workload, facts));
                });
                return findings;
            }
        };
    }

    /**
     * What each long-running container misses. The API server defaults a request to the limit when only the
     * limit is set, so a limit counts as a request.
     */
    private static Map<String, List<String>> missing(Pod pod) {
        PodSpec spec = KubernetesObjects.spec(pod);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Stream.concat(KubernetesObjects.list(spec.getInitContainers()).stream()
                                .filter(c -> "Always".equals(c.getRestartPolicy())),
                        KubernetesObjects.list(spec.getContainers()).stream())
                .forEach((Container c) -> {
                    ResourceRequirements resources = c.getResources();
                    Map<String, Quantity> requests = resources == null ? Map.of()
                            : KubernetesObjects.map(resources.getRequests());
                    Map<String, Quantity> limits = resources == null ? Map.of()
                            : KubernetesObjects.map(resources.getLimits());
                    List<String> lacks = new ArrayList<>();
                    if (!requests.containsKey(KubernetesObjects.CPU) && !limits.containsKey(KubernetesObjects.CPU)) {
                        lacks.add("cpu request");
                    }
                    if (!requests.containsKey(KubernetesObjects.MEMORY)
                            && !limits.containsKey(KubernetesObjects.MEMORY)) {
                        lacks.add("memory request");
                    }
                    if (!limits.containsKey(KubernetesObjects.MEMORY)) {
                        lacks.add("memory limit");
                    }
                    if (!lacks.isEmpty()) {
                        missing.put(KubernetesObjects.orElse(c.getName(), "<container>"), lacks);
                    }
                });
        return missing;
    }

    /** The first faulty pod of a workload, what its containers miss, and how many of its pods miss something. */
    private static final class Missing {
        private final String pod;
        private final String workload;
        private final Map<String, List<String>> containers;
        private int pods = 1;

        Missing(String pod, String workload, Map<String, List<String>> containers) {
            this.pod = pod;
            this.workload = workload;
            this.containers = containers;
        }
    }
}
