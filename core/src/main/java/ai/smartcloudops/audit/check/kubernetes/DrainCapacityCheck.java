package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * K8S-106, N-1: whether the cluster can lose (or drain) its largest schedulable node. The requests of the pods on the
 * schedulable nodes, less the DaemonSet pods of the node that goes (they go with it), must fit in the allocatable of
 * the schedulable nodes that stay. A sum, not a bin-packing: when it does not fit, some pods stay Pending for sure;
 * when it fits, fragmentation may still leave one Pending.
 */
@Component
public class DrainCapacityCheck extends KubernetesCheck {

    public static final String ID = "kubernetes.drain-capacity";

    public DrainCapacityCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.NODES, Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Map<String, Capacity> schedulable = new LinkedHashMap<>();
        // pods may stream by before their node: requests are kept per node and judged at the end, DaemonSet pods'
        // apart too (they go with their node)
        Map<String, NodeRequests> requests = new HashMap<>();
        Map<String, NodeRequests> daemons = new HashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Node node && schedulable(node)) {
                    Map<String, Quantity> allocatable = KubernetesObjects.allocatable(node);
                    schedulable.put(node.getMetadata().getName(), new Capacity(node.getMetadata().getName(),
                            KubernetesObjects.millicores(allocatable.get(KubernetesObjects.CPU)),
                            KubernetesObjects.bytes(allocatable.get(KubernetesObjects.MEMORY)),
                            KubernetesObjects.nodegroup(node)));
                } else if (object instanceof Pod pod && !KubernetesObjects.terminated(pod)
                        && KubernetesObjects.spec(pod).getNodeName() != null) {
                    String node = KubernetesObjects.spec(pod).getNodeName();
                    requests.computeIfAbsent(node, n -> new NodeRequests()).add(pod);
                    if ("DaemonSet".equals(KubernetesObjects.workloadResource(pod).kind())) {
                        daemons.computeIfAbsent(node, n -> new NodeRequests()).add(pod);
                    }
                }
            }

            @Override
            public List<Problem> problems() {
                if (schedulable.isEmpty()) {
                    return List.of();
                }
                Shortfall cpu = shortfall("CPU", Capacity::cpu, NodeRequests::cpu);
                Shortfall memory = shortfall("memory", Capacity::memory, NodeRequests::memory);
                if (!cpu.isShort() && !memory.isShort()) {
                    return List.of();
                }
                Shortfall worse = !cpu.isShort() || memory.isShort() && memory.ratio() > cpu.ratio() ? memory : cpu;
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("node", worse.node().name());
                facts.put("others", schedulable.size() - 1);
                facts.put("cpu", cpu.describe(KubernetesObjects::formatMillicores));
                facts.put("memory", memory.describe(KubernetesObjects::formatBytes));
                facts.put("resource", worse.resource());
                facts.put("short", worse == cpu ? KubernetesObjects.formatMillicores(cpu.needed().subtract(cpu.stays()))
                        : KubernetesObjects.formatBytes(memory.needed().subtract(memory.stays())));
                facts.put("nodegroup", worse.node().nodegroup());
                return List.of(Problem.of(KubernetesCode.K8S_106,
                        new Resource("Cluster", null, context.target().name()), facts));
            }

            private Shortfall shortfall(String resource, Function<Capacity, BigDecimal> allocatable,
                                        Function<NodeRequests, BigDecimal> requested) {
                Capacity largest = schedulable.values().stream().max(Comparator.comparing(allocatable)
                        .thenComparing(Capacity::name)).orElseThrow();
                BigDecimal stays = schedulable.values().stream().map(allocatable).reduce(BigDecimal.ZERO,
                        BigDecimal::add).subtract(allocatable.apply(largest));
                NodeRequests none = new NodeRequests();
                BigDecimal needed = schedulable.keySet().stream().map(name -> requests.getOrDefault(name, none))
                        .map(requested).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .subtract(requested.apply(daemons.getOrDefault(largest.name(), none)));
                return new Shortfall(resource, largest, needed, stays);
            }
        };
    }

    /** Takes new pods: not cordoned, and Ready. */
    private static boolean schedulable(Node node) {
        boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        boolean ready = node.getStatus() != null && KubernetesObjects.condition(node.getStatus().getConditions(),
                NodeCondition::getType, "Ready").filter(c -> "True".equals(c.getStatus())).isPresent();
        return !cordoned && ready;
    }

    private record Capacity(String name, BigDecimal cpu, BigDecimal memory, String nodegroup) {
    }

    /** What the pods need once the largest node is gone, against what the other schedulable nodes allocate. */
    private record Shortfall(String resource, Capacity node, BigDecimal needed, BigDecimal stays) {

        boolean isShort() {
            return needed.compareTo(stays) > 0;
        }

        /** Needed over what stays; a node that stays with nothing is infinitely short. */
        double ratio() {
            return stays.signum() == 0 ? Double.POSITIVE_INFINITY : needed.doubleValue() / stays.doubleValue();
        }

        String describe(Function<BigDecimal, String> format) {
            return format.apply(needed) + " requested against " + format.apply(stays) + " allocatable";
        }
    }
}
