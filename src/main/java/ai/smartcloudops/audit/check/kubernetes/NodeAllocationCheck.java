package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
public class NodeAllocationCheck extends KubernetesCheck {

    static final String ID = "kubernetes.node-allocation";

    public NodeAllocationCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    public List<Finding> run(CheckContext context) {
        int threshold = clusters.properties().allocatedPercentThreshold();
        Map<String, List<Pod>> podsByNode = clusters.pods(context).stream()
                .filter(p -> !KubernetesObjects.terminated(p))
                .filter(p -> KubernetesObjects.spec(p).getNodeName() != null)
                .collect(Collectors.groupingBy(p -> KubernetesObjects.spec(p).getNodeName()));
        List<Finding> findings = new ArrayList<>();
        for (Node node : clusters.nodes(context)) {
            String name = node.getMetadata().getName();
            List<Pod> pods = podsByNode.getOrDefault(name, List.of());
            Usage cpu = Usage.of(node, pods, KubernetesObjects.CPU, KubernetesObjects::millicores);
            Usage memory = Usage.of(node, pods, KubernetesObjects.MEMORY, KubernetesObjects::bytes);
            Usage worse = memory.percentOr(-1) > cpu.percentOr(-1) ? memory : cpu;
            if (worse.percentOr(-1) < threshold) {
                continue;
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
            facts.put("pods", pods.size());
            facts.put("nodegroup", KubernetesObjects.nodegroup(node));
            findings.add(context.finding(KubernetesCode.K8S_103, new Resource("Node", null, name), facts));
        }
        return findings;
    }

    /** Requests on a node against its allocatable; allocatable and percent are null when the node omits them. */
    private record Usage(BigDecimal requested, BigDecimal allocatable, Integer percent) {

        static Usage of(Node node, List<Pod> pods, String resource, Function<Quantity, BigDecimal> amount) {
            BigDecimal requested = pods.stream().map(p -> KubernetesObjects.podRequest(p, resource, amount))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Quantity allocatable = KubernetesObjects.allocatable(node).get(resource);
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
