package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-107, the mixin's KubeletTooManyPods: a node running 95 % or more of the pods it allocates (on EKS, max-pods
 * follows from the instance type's network interfaces). Past it, the scheduler places nothing more there however
 * much CPU and memory are free.
 */
@Component
public class NodePodsCheck extends KubernetesCheck {

    static final String ID = "kubernetes.node-pods";
    static final int PERCENT = 95;

    public NodePodsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.NODES, Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Map<String, Allocatable> nodes = new LinkedHashMap<>();
        Map<String, Integer> pods = new HashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Node node) {
                    BigDecimal allocatable = KubernetesObjects.number(KubernetesObjects.allocatable(node).get("pods"));
                    if (allocatable.signum() > 0) {
                        nodes.put(node.getMetadata().getName(), new Allocatable(allocatable,
                                KubernetesObjects.nodegroup(node)));
                    }
                } else if (object instanceof Pod pod && !KubernetesObjects.terminated(pod)
                        && KubernetesObjects.spec(pod).getNodeName() != null) {
                    pods.merge(KubernetesObjects.spec(pod).getNodeName(), 1, Integer::sum);
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                nodes.forEach((name, node) -> {
                    int running = pods.getOrDefault(name, 0);
                    Integer percent = KubernetesObjects.percent(BigDecimal.valueOf(running), node.pods());
                    if (percent == null || percent < PERCENT) {
                        return;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("pods", running);
                    facts.put("allocatable", node.pods().stripTrailingZeros().toPlainString());
                    facts.put("percent", percent);
                    facts.put("threshold", PERCENT);
                    facts.put("nodegroup", node.nodegroup());
                    findings.add(Problem.of(KubernetesCode.K8S_107, new Resource("Node", null, name), facts));
                });
                return findings;
            }
        };
    }

    private record Allocatable(BigDecimal pods, String nodegroup) {
    }
}
