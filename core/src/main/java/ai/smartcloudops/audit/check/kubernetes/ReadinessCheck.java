package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-207, the guide's "Health check failures": a Running pod that is not Ready because a running container
 * fails its readiness probe. Pods with a crash-looping container belong to K8S-201; pods younger than the
 * pending grace, or not ready for less than it, are still starting.
 */
@Component
public class ReadinessCheck extends KubernetesCheck {

    static final String ID = "kubernetes.readiness";

    public ReadinessCheck(KubernetesClusters clusters) {
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
            if (!"Running".equals(KubernetesObjects.status(pod).getPhase())) {
                return;
            }
            Optional<PodCondition> ready = KubernetesObjects.readyCondition(pod);
            if (ready.isEmpty() || !"False".equals(ready.get().getStatus())) {
                return;
            }
            if (younger(pod.getMetadata().getCreationTimestamp(), grace, context.now())
                    || younger(ready.get().getLastTransitionTime(), grace, context.now())) {
                return;
            }
            if (KubernetesObjects.containerStatuses(pod).stream().anyMatch(KubernetesObjects::crashLooping)) {
                return;
            }
            KubernetesObjects.list(KubernetesObjects.status(pod).getContainerStatuses()).stream()
                    .filter(c -> c.getState() != null && c.getState().getRunning() != null
                            && !Boolean.TRUE.equals(c.getReady()))
                    .findFirst()
                    .ifPresent(c -> findings.add(Problem.of(KubernetesCode.K8S_207, new Resource("Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName()), facts(pod, c, ready.get()))));
        });
    }

    /** Whether the timestamp lies less than the grace before now; an unknown time does not hold a pod back. */
    private static boolean younger(String timestamp, Duration grace, Instant now) {
        Instant at = KubernetesObjects.instant(timestamp);
        return at != null && Duration.between(at, now).compareTo(grace) < 0;
    }

    private static Map<String, Object> facts(Pod pod, ContainerStatus status, PodCondition ready) {
        String container = KubernetesObjects.orElse(status.getName(), "<container>");
        Probe probe = KubernetesObjects.container(pod, container).map(c -> c.getReadinessProbe()).orElse(null);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", container);
        facts.put("probe", describe(probe));
        facts.put("since", KubernetesObjects.orElse(ready.getLastTransitionTime(), "unknown"));
        facts.put("restarts", status.getRestartCount() == null ? 0 : status.getRestartCount());
        facts.put("port", probe != null && probe.getHttpGet() != null ? port(probe.getHttpGet().getPort())
                : "<port>");
        facts.put("path", probe != null && probe.getHttpGet() != null
                ? KubernetesObjects.orElse(probe.getHttpGet().getPath(), "/") : "/");
        facts.put("workload", KubernetesObjects.workload(pod));
        return facts;
    }

    /** As kubectl describe shows it, shortened: "httpGet :5000/api/health", "tcpSocket :6379", "exec cat /ready". */
    static String describe(Probe probe) {
        if (probe == null) {
            return "none";
        }
        if (probe.getHttpGet() != null) {
            return "httpGet :" + port(probe.getHttpGet().getPort())
                    + KubernetesObjects.orElse(probe.getHttpGet().getPath(), "/");
        }
        if (probe.getTcpSocket() != null) {
            return "tcpSocket :" + port(probe.getTcpSocket().getPort());
        }
        if (probe.getGrpc() != null) {
            return "grpc :" + probe.getGrpc().getPort();
        }
        if (probe.getExec() != null) {
            return "exec " + String.join(" ", KubernetesObjects.list(probe.getExec().getCommand()));
        }
        return "unknown";
    }

    private static String port(IntOrString port) {
        if (port == null) {
            return "<port>";
        }
        return port.getIntVal() != null ? String.valueOf(port.getIntVal())
                : KubernetesObjects.orElse(port.getStrVal(), "<port>");
    }
}
