package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
public class PodRestartsCheck extends KubernetesCheck {

    static final String ID = "kubernetes.pod-restarts";

    public PodRestartsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        int threshold = clusters.properties().restartThreshold();
        return Inspection.each(Pod.class, (pod, findings) -> {
            // the worst container: crash-looping first, then the most restarted
            Optional<ContainerStatus> worst = KubernetesObjects.containerStatuses(pod).stream()
                    .filter(c -> KubernetesObjects.crashLooping(c) || restarts(c) >= threshold)
                    .max(Comparator.comparing(KubernetesObjects::crashLooping)
                            .thenComparing(PodRestartsCheck::restarts));
            worst.ifPresent(c -> findings.add(context.finding(KubernetesCode.K8S_201,
                    new Resource("Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName()),
                    facts(pod, c))));
        });
    }

    private static Map<String, Object> facts(Pod pod, ContainerStatus status) {
        Optional<ContainerStateTerminated> last = Optional.ofNullable(status.getLastState())
                .map(ContainerState::getTerminated);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", KubernetesObjects.orElse(status.getName(), "<container>"));
        facts.put("restarts", restarts(status));
        facts.put("state", KubernetesObjects.describe(status.getState()));
        facts.put("lastReason", last.map(t -> KubernetesObjects.orElse(t.getReason(), "no reason")).orElse("n/a"));
        facts.put("exitCode", last.map(ContainerStateTerminated::getExitCode).map(String::valueOf).orElse("n/a"));
        facts.put("workload", KubernetesObjects.workload(pod));
        return facts;
    }

    private static int restarts(ContainerStatus status) {
        return status.getRestartCount() == null ? 0 : status.getRestartCount();
    }
}
