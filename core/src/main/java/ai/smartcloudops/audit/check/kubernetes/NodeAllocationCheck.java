package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * K8S-103, the guide's "Allocated resources": requests of the pods on a node over its allocatable. Pods stream
 * by in pages; only a running sum per node is kept.
 */
@Component
public class NodeAllocationCheck extends KubernetesCheck {

    static final String ID = "kubernetes.node-allocation";

    public NodeAllocationCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.NODES, Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        int threshold = clusters.properties().allocatedPercentThreshold();
        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, NodeRequests> requests = new HashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Node node) {
                    // keep only what the verdict needs: the name, allocatable and node group
                    nodes.put(node.getMetadata().getName(), slim(node));
                } else if (object instanceof Pod pod && !KubernetesObjects.terminated(pod)
                        && KubernetesObjects.spec(pod).getNodeName() != null) {
                    requests.computeIfAbsent(KubernetesObjects.spec(pod).getNodeName(), n -> new NodeRequests()).add(pod);
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                nodes.forEach((name, node) -> judge(threshold, node,
                        requests.getOrDefault(name, new NodeRequests())).ifPresent(findings::add));
                return findings;
            }
        };
    }

    private static Optional<Problem> judge(int threshold, Node node,
                                                     NodeRequests requests) {
        Usage cpu = Usage.of(requests.cpu(), KubernetesObjects.allocatable(node).get(KubernetesObjects.CPU),
                KubernetesObjects::millicores);
        Usage memory = Usage.of(requests.memory(), KubernetesObjects.allocatable(node).get(KubernetesObjects.MEMORY),
                KubernetesObjects::bytes);
        Usage worse = memory.percentOr(-1) > cpu.percentOr(-1) ? memory : cpu;
        if (worse.percentOr(-1) < threshold) {
            return Optional.empty();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("resource", worse == cpu ? "CPU" : "memory");
        facts.put("percent", worse.percent());
        facts.put("cpuRequested", KubernetesObjects.formatMillicores(cpu.requested()));
        facts.put("cpuAllocatable", cpu.allocatable() == null ? "unknown"
                : KubernetesObjects.formatMillicores(cpu.allocatable()));
        facts.put("cpuPercent", cpu.percentFact());
        facts.put("memoryRequested", KubernetesObjects.formatBytes(memory.requested()));
        facts.put("memoryAllocatable", memory.allocatable() == null ? "unknown"
                : KubernetesObjects.formatBytes(memory.allocatable()));
        facts.put("memoryPercent", memory.percentFact());
        facts.put("threshold", threshold);
        facts.put("pods", requests.pods());
        facts.put("nodegroup", KubernetesObjects.nodegroup(node));
        return Optional.of(Problem.of(KubernetesCode.K8S_103, new Resource("Node", null, node.getMetadata().getName()), facts));
    }

    private static Node slim(Node node) {
        Node slim = new Node();
        slim.setMetadata(new ObjectMetaBuilder()
                .withName(node.getMetadata().getName()).withLabels(node.getMetadata().getLabels()).build());
        slim.setStatus(new NodeStatusBuilder()
                .withAllocatable(KubernetesObjects.allocatable(node)).build());
        return slim;
    }

    /** Requests on a node against its allocatable; allocatable and percent are null when the node omits them. */
    private record Usage(BigDecimal requested, BigDecimal allocatable, Integer percent) {

        static Usage of(BigDecimal requested, Quantity allocatable,
                        Function<Quantity, BigDecimal> amount) {
            BigDecimal whole = allocatable == null ? null : amount.apply(allocatable);
            return new Usage(requested, whole, whole == null ? null : KubernetesObjects.percent(requested, whole));
        }

        Object percentFact() {
            return percent == null ? "n/a" : percent;
        }

        int percentOr(int fallback) {
            return percent == null ? fallback : percent;
        }
    }
}
