package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

@Component
public class PodOomCheck extends KubernetesCheck {

    static final String ID = "kubernetes.pod-oom";

    public PodOomCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS);
    }

    @Override
    boolean lastLines() {
        return true;
    }

    @Override
    Inspection inspect(CheckContext context) {
        Instant since = context.now().minus(clusters.properties().window());
        return Inspection.each(Pod.class, (pod, findings) -> {
            // one finding per pod: the most recent kill in the window among its containers
            KubernetesObjects.containerStatuses(pod).stream()
                    .flatMap(c -> oomKill(c, since).map(t -> new Kill(c, t)).stream())
                    .max(Comparator.comparing(Kill::finishedAt))
                    .ifPresent(kill -> findings.add(Problem.of(KubernetesCode.K8S_202, new Resource("Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName()), facts(pod, kill))));
        });
    }

    /**
     * The current termination if it was a kill in the window, else the previous one: a container may be
     * restarting now. A kill without a finish time cannot be placed in the window and does not count.
     */
    private static Optional<ContainerStateTerminated> oomKill(ContainerStatus status, Instant since) {
        return Stream.of(status.getState(), status.getLastState())
                .filter(s -> s != null && s.getTerminated() != null)
                .map(s -> s.getTerminated())
                .filter(t -> "OOMKilled".equals(t.getReason()) || Integer.valueOf(137).equals(t.getExitCode()))
                .filter(t -> inWindow(KubernetesObjects.instant(t.getFinishedAt()), since))
                .findFirst();
    }

    /** At or after the window's start; a time past now is a node clock ahead of ours, still a recent kill. */
    private static boolean inWindow(Instant at, Instant since) {
        return at != null && !at.isBefore(since);
    }

    private static Map<String, Object> facts(Pod pod, Kill kill) {
        String container = KubernetesObjects.orElse(kill.status().getName(), "<container>");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", container);
        facts.put("reason", KubernetesObjects.orElse(kill.terminated().getReason(), "no reason"));
        facts.put("exitCode", kill.terminated().getExitCode() == null ? "n/a" : kill.terminated().getExitCode());
        facts.put("finishedAt", KubernetesObjects.orElse(kill.terminated().getFinishedAt(), "unknown"));
        facts.put("memoryLimit", KubernetesObjects.container(pod, container)
                .flatMap(c -> KubernetesObjects.limit(c, KubernetesObjects.MEMORY))
                .map(q -> KubernetesObjects.formatBytes(KubernetesObjects.bytes(q))).orElse("none"));
        facts.put("restarts", kill.status().getRestartCount() == null ? 0 : kill.status().getRestartCount());
        facts.put("workload", KubernetesObjects.workload(pod));
        return facts;
    }

    private record Kill(ContainerStatus status, ContainerStateTerminated terminated) {

        Instant finishedAt() {
            Instant at = KubernetesObjects.instant(terminated.getFinishedAt());
            return at == null ? Instant.MIN : at;
        }
    }
}
