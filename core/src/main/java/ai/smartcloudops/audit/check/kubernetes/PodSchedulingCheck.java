package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

@Component
public class PodSchedulingCheck extends KubernetesCheck {

    static final String ID = "kubernetes.pod-scheduling";

    public PodSchedulingCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Duration grace = clusters.properties().pendingGrace();
        return Inspection.each(Pod.class, (pod, findings) -> {
            if (!"Pending".equals(KubernetesObjects.status(pod).getPhase())) {
                return;
            }
            // the API server always sets creationTimestamp; without it the pending time cannot be judged
            Instant created = KubernetesObjects.instant(pod.getMetadata().getCreationTimestamp());
            if (created == null) {
                return;
            }
            Duration pending = Duration.between(created, context.now());
            if (pending.compareTo(grace) <= 0) {
                return;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("age", Humanize.duration(pending));
            Why why = why(pod);
            facts.put("reason", why.reason());
            facts.put("message", why.message());
            facts.put("node", KubernetesObjects.orElse(KubernetesObjects.spec(pod).getNodeName(), "none"));
            findings.add(Problem.of(KubernetesCode.K8S_203, new Resource("Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName()), facts));
        });
    }

    /** The scheduler's verdict when it refused the pod, else what its containers wait for. */
    private static Why why(Pod pod) {
        Optional<PodCondition> scheduled = KubernetesObjects.condition(KubernetesObjects.status(pod).getConditions(),
                PodCondition::getType, "PodScheduled").filter(c -> "False".equals(c.getStatus()));
        if (scheduled.isPresent()) {
            return new Why(KubernetesObjects.orElse(scheduled.get().getReason(), "Unschedulable"),
                    KubernetesObjects.orElse(scheduled.get().getMessage(), "the scheduler gave no message"));
        }
        Optional<ContainerStatus> waiting = KubernetesObjects.containerStatuses(pod).stream()
                .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
                .findFirst();
        if (waiting.isPresent()) {
            ContainerStateWaiting state = waiting.get().getState().getWaiting();
            return new Why(KubernetesObjects.orElse(state.getReason(), "Waiting"),
                    KubernetesObjects.orElse(state.getMessage(),
                            "container " + waiting.get().getName() + " is waiting to start"));
        }
        String node = KubernetesObjects.spec(pod).getNodeName();
        return new Why("Pending", node == null ? "waiting to be scheduled"
                : "scheduled on " + node + ", containers not started");
    }

    private record Why(String reason, String message) {
    }
}
