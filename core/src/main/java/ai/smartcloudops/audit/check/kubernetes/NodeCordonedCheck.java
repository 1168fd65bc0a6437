package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-105: a node left cordoned (spec.unschedulable) after a drain or a maintenance, capacity the cluster pays for
 * and cannot schedule on. A node an autoscaler is removing carries the autoscaler's taint and is not reported: it
 * is on its way out, not left behind. The API keeps no time of the cordon; the finding's first seen says how long.
 */
@Component
public class NodeCordonedCheck extends KubernetesCheck {

    static final String ID = "kubernetes.node-cordoned";
    /** Taints of nodes an autoscaler is draining to delete (cluster-autoscaler, Karpenter v0.3x and v1). */
    static final Set<String> REMOVAL_TAINTS = Set.of("ToBeDeletedByClusterAutoscaler", "karpenter.sh/disruption",
            "karpenter.sh/disrupted");

    public NodeCordonedCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.NODES, Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Set<String> cordoned = new LinkedHashSet<>();
        int[] nodes = {0, 0};   // all nodes, nodes that take no new pod
        // pods stream by before or after their node: count every node's, keep only the cordoned nodes' counts
        Map<String, Integer> workloadPods = new HashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Node node) {
                    nodes[0]++;
                    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
                        nodes[1]++;
                        if (KubernetesObjects.list(node.getSpec().getTaints()).stream().map(Taint::getKey)
                                .noneMatch(REMOVAL_TAINTS::contains)) {
                            cordoned.add(node.getMetadata().getName());
                        }
                    }
                } else if (object instanceof Pod pod && !KubernetesObjects.terminated(pod)
                        && KubernetesObjects.spec(pod).getNodeName() != null
                        && !"DaemonSet".equals(KubernetesObjects.workloadResource(pod).kind())) {
                    workloadPods.merge(KubernetesObjects.spec(pod).getNodeName(), 1, Integer::sum);
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> problems = new ArrayList<>();
                for (String name : cordoned) {
                    int pods = workloadPods.getOrDefault(name, 0);
                    // in this order in the evidence, run after run
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("pods", pods);
                    facts.put("state", pods == 0 ? "it is drained (no pod left but DaemonSets')"
                            : pods + (pods == 1 ? " pod" : " pods")
                            + " besides DaemonSets' still run there (the drain did not finish)");
                    facts.put("schedulable", nodes[0] - nodes[1]);
                    facts.put("nodes", nodes[0]);
                    problems.add(Problem.of(KubernetesCode.K8S_105, new Resource("Node", null, name), facts));
                }
                return problems;
            }
        };
    }
}
