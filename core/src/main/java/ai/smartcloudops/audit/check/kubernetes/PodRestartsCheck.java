package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Containers that crash-loop, or restarted at least {@code restart-threshold} times in a window: since the previous
 * sample of the pod's restart counts (whichever job took it), or, for a pod never sampled, within
 * {@code restart-window}. restartCount itself is cumulative over the pod's life: a pod that restarted five times
 * last month is not restarting now.
 */
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
    boolean lastLines() {
        return true;
    }

    @Override
    Inspection inspect(CheckContext context) {
        int threshold = clusters.properties().restartThreshold();
        Duration length = clusters.properties().restartWindow();
        return Inspection.each(Pod.class, (pod, findings) -> {
            List<ContainerStatus> statuses = KubernetesObjects.containerStatuses(pod);
            if (statuses.stream().allMatch(c -> restarts(c) == 0 && !KubernetesObjects.crashLooping(c))) {
                return;
            }
            Window window = Window.of(context, pod, statuses, length);
            // the worst container: crash-looping first, then the most restarted in the window
            Optional<ContainerStatus> worst = statuses.stream()
                    .filter(c -> KubernetesObjects.crashLooping(c) || window.count(c) >= threshold)
                    .max(Comparator.comparing(KubernetesObjects::crashLooping).thenComparing(window::count));
            worst.ifPresent(c -> findings.add(Problem.of(KubernetesCode.K8S_201, new Resource("Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName()), facts(pod, c, window))));
        });
    }

    private static Map<String, Object> facts(Pod pod, ContainerStatus status, Window window) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", name(status));
        facts.put("restarts", window.count(status));
        facts.put("window", window.description());
        facts.put("total", restarts(status));
        facts.put("state", KubernetesObjects.describe(status.getState()));
        Optional<ContainerStateTerminated> last = lastTerminated(status);
        facts.put("lastReason", last.map(t -> KubernetesObjects.orElse(t.getReason(), "no reason")).orElse("n/a"));
        facts.put("exitCode", last.map(ContainerStateTerminated::getExitCode).map(String::valueOf).orElse("n/a"));
        facts.put("workload", KubernetesObjects.workload(pod));
        return facts;
    }

    /**
     * Restarts of a pod's containers in the window, by container name. Since the previous sample, the growth of
     * restartCount; for a pod never sampled (or recreated under its name), all of them when the pod started within
     * the restart window, else only a last restart that ended within it, the one restart a container dates.
     */
    private record Window(Map<String, Long> byContainer, String description) {

        long count(ContainerStatus status) {
            return byContainer.getOrDefault(name(status), 0L);
        }

        static Window of(CheckContext context, Pod pod, List<ContainerStatus> statuses, Duration length) {
            Map<String, Long> counts = new LinkedHashMap<>();
            statuses.forEach(c -> counts.put(name(c), (long) restarts(c)));
            CounterWindow sampled = CounterWindow.of(context, "kubernetes.restarts " + pod.getMetadata().getNamespace()
                    + "/" + pod.getMetadata().getName() + " " + pod.getMetadata().getUid(), null, counts);
            if (sampled.kind() == CounterWindow.Kind.PREVIOUS) {
                return new Window(sampled.growth(), sampled.description());
            }
            Instant since = context.now().minus(length);
            Instant started = Optional.ofNullable(KubernetesObjects.instant(pod.getStatus().getStartTime()))
                    .orElseGet(() -> KubernetesObjects.instant(pod.getMetadata().getCreationTimestamp()));
            if (started != null && !started.isBefore(since)) {
                return new Window(counts, "since the pod started at " + started);
            }
            Map<String, Long> dated = new LinkedHashMap<>();
            statuses.forEach(c -> dated.put(name(c), restarts(c) > 0 && lastTerminated(c)
                    .map(t -> KubernetesObjects.instant(t.getFinishedAt()))
                    .filter(finished -> !finished.isBefore(since)).isPresent() ? 1L : 0L));
            return new Window(dated, "in the last " + Humanize.duration(length)
                    + " (only the last restart is dated)");
        }
    }

    private static String name(ContainerStatus status) {
        return KubernetesObjects.orElse(status.getName(), "<container>");
    }

    private static int restarts(ContainerStatus status) {
        return status.getRestartCount() == null ? 0 : status.getRestartCount();
    }

    private static Optional<ContainerStateTerminated> lastTerminated(ContainerStatus status) {
        return Optional.ofNullable(status.getLastState()).map(ContainerState::getTerminated);
    }
}
