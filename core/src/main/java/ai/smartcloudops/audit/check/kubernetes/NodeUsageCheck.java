package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
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
 * K8S-104, the guide's {@code kubectl top nodes}: CPU or memory in use on a node (metrics.k8s.io) over its
 * allocatable. A cluster that does not serve the metrics API is skipped by the scan (AUDIT-905).
 */
@Component
public class NodeUsageCheck extends KubernetesCheck {

    static final String ID = "kubernetes.node-usage";

    public NodeUsageCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.NODES, Kind.NODE_METRICS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        int threshold = clusters.properties().usagePercentThreshold();
        Map<String, Allocatable> nodes = new HashMap<>();
        Map<String, Usage> usage = new LinkedHashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Node node) {
                    Map<String, Quantity> allocatable = KubernetesObjects.allocatable(node);
                    nodes.put(node.getMetadata().getName(), new Allocatable(
                            KubernetesObjects.millicores(allocatable.get(KubernetesObjects.CPU)),
                            KubernetesObjects.bytes(allocatable.get(KubernetesObjects.MEMORY)),
                            KubernetesObjects.nodegroup(node)));
                } else if (object instanceof NodeMetrics metrics) {
                    Map<String, Quantity> used = KubernetesObjects.map(metrics.getUsage());
                    usage.put(metrics.getMetadata().getName(), new Usage(
                            KubernetesObjects.millicores(used.get(KubernetesObjects.CPU)),
                            KubernetesObjects.bytes(used.get(KubernetesObjects.MEMORY))));
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                usage.forEach((name, used) -> {
                    Allocatable node = nodes.get(name);
                    if (node != null) {
                        judge(threshold, name, node, used, findings);
                    }
                });
                return findings;
            }
        };
    }

    private static void judge(int threshold, String name, Allocatable node, Usage used,
                              List<Problem> findings) {
        Integer cpu = KubernetesObjects.percent(used.cpu(), node.cpu());
        Integer memory = KubernetesObjects.percent(used.memory(), node.memory());
        int cpuPercent = cpu == null ? -1 : cpu;
        int memoryPercent = memory == null ? -1 : memory;
        boolean memoryWorse = memoryPercent > cpuPercent;
        int worse = Math.max(cpuPercent, memoryPercent);
        if (worse < threshold) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("resource", memoryWorse ? "memory" : "CPU");
        facts.put("percent", worse);
        facts.put("cpuUsed", KubernetesObjects.formatMillicores(used.cpu()));
        facts.put("cpuAllocatable", node.cpu().signum() > 0 ? KubernetesObjects.formatMillicores(node.cpu())
                : "unknown");
        facts.put("cpuPercent", cpu == null ? "n/a" : cpu);
        facts.put("memoryUsed", KubernetesObjects.formatBytes(used.memory()));
        facts.put("memoryAllocatable", node.memory().signum() > 0 ? KubernetesObjects.formatBytes(node.memory())
                : "unknown");
        facts.put("memoryPercent", memory == null ? "n/a" : memory);
        facts.put("threshold", threshold);
        facts.put("sortBy", memoryWorse ? "memory" : "cpu");
        facts.put("nodegroup", node.nodegroup());
        findings.add(Problem.of(KubernetesCode.K8S_104, new Resource("Node", null, name), facts));
    }

    /** What the verdict needs of a node. */
    private record Allocatable(BigDecimal cpu, BigDecimal memory, String nodegroup) {
    }

    private record Usage(BigDecimal cpu, BigDecimal memory) {
    }
}
