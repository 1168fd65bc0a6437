package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
public class NodeConditionsCheck extends KubernetesCheck {

    public static final String ID = "kubernetes.node-conditions";

    /** The conditions under which the kubelet starts evicting pods. */
    private static final List<String> PRESSURES = List.of("MemoryPressure", "DiskPressure", "PIDPressure");

    public NodeConditionsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.NODES);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return Inspection.each(Node.class, (node, findings) -> {
            Resource resource = new Resource("Node", null, node.getMetadata().getName());
            List<NodeCondition> conditions = node.getStatus() == null ? List.of() : node.getStatus().getConditions();
            Optional<NodeCondition> ready = KubernetesObjects.condition(conditions, NodeCondition::getType, "Ready");
            if (ready.isEmpty() || !"True".equals(ready.get().getStatus())) {
                findings.add(Problem.of(KubernetesCode.K8S_101, resource, notReady(node, ready)));
            }
            List<NodeCondition> pressures = PRESSURES.stream()
                    .map(type -> KubernetesObjects.condition(conditions, NodeCondition::getType, type))
                    .flatMap(Optional::stream).filter(c -> "True".equals(c.getStatus())).toList();
            if (!pressures.isEmpty()) {
                findings.add(Problem.of(KubernetesCode.K8S_102, resource, pressure(pressures)));
            }
        });
    }

    private static Map<String, Object> notReady(Node node, Optional<NodeCondition> ready) {
        Map<String, Object> facts = new LinkedHashMap<>();
        // kubectl shows a node without a Ready condition as Unknown: the kubelet never reported
        facts.put("status", ready.map(c -> KubernetesObjects.orElse(c.getStatus(), "Unknown")).orElse("Unknown"));
        facts.put("since", ready.map(c -> KubernetesObjects.orElse(c.getLastTransitionTime(), "unknown"))
                .orElse("unknown"));
        facts.put("reason", ready.map(c -> KubernetesObjects.orElse(c.getReason(), "no reason"))
                .orElse("NotReported"));
        facts.put("message", ready.map(c -> KubernetesObjects.orElse(c.getMessage(), "no message"))
                .orElse("the kubelet has not posted a Ready condition"));
        facts.put("instanceId", KubernetesObjects.instanceId(node));
        return facts;
    }

    /** One finding per node (a finding's identity is code and resource), naming every pressure at once. */
    private static Map<String, Object> pressure(List<NodeCondition> pressures) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("condition", pressures.stream().map(NodeCondition::getType).collect(Collectors.joining(", ")));
        facts.put("since", pressures.stream().map(c -> KubernetesObjects.instant(c.getLastTransitionTime()))
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).map(Instant::toString).orElse("unknown"));
        facts.put("reason", pressures.stream().map(c -> KubernetesObjects.orElse(c.getReason(), "no reason"))
                .collect(Collectors.joining(", ")));
        facts.put("message", pressures.stream().map(c -> KubernetesObjects.orElse(c.getMessage(), "no message"))
                .collect(Collectors.joining("; ")));
        return facts;
    }
}
