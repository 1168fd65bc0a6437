package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** K8S-206: a container (init containers too) that cannot start because its image cannot be pulled. */
@Component
public class ImagePullCheck extends KubernetesCheck {

    static final String ID = "kubernetes.image-pull";

    private static final Set<String> PULL_FAILURES = Set.of("ImagePullBackOff", "ErrImagePull");

    public ImagePullCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return Inspection.each(Pod.class, (pod, findings) -> KubernetesObjects.containerStatuses(pod).stream()
                .filter(ImagePullCheck::pullFailing)
                .findFirst()
                .ifPresent(status -> findings.add(Problem.of(KubernetesCode.K8S_206, new Resource("Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName()), facts(pod, status)))));
    }

    private static boolean pullFailing(ContainerStatus status) {
        return status.getState() != null && status.getState().getWaiting() != null
                && PULL_FAILURES.contains(status.getState().getWaiting().getReason());
    }

    private static Map<String, Object> facts(Pod pod, ContainerStatus status) {
        ContainerStateWaiting waiting = status.getState().getWaiting();
        String container = KubernetesObjects.orElse(status.getName(), "<container>");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", container);
        // the spec names the image asked for; the status may hold a resolved digest or nothing yet
        facts.put("image", KubernetesObjects.container(pod, container).map(Container::getImage)
                .filter(i -> !i.isBlank()).orElse(KubernetesObjects.orElse(status.getImage(), "<image>")));
        facts.put("reason", waiting.getReason());
        facts.put("message", KubernetesObjects.orElse(waiting.getMessage(), "no message"));
        facts.put("workload", KubernetesObjects.workload(pod));
        return facts;
    }
}
