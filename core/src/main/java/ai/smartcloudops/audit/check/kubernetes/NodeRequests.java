package ai.smartcloudops.audit.check.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigDecimal;

/** The requests of the pods on one node, summed as they stream by: only the sums are kept. */
final class NodeRequests {

    private BigDecimal cpu = BigDecimal.ZERO;
    private BigDecimal memory = BigDecimal.ZERO;
    private int pods;

    void add(Pod pod) {
        cpu = cpu.add(KubernetesObjects.podRequest(pod, KubernetesObjects.CPU, KubernetesObjects::millicores));
        memory = memory.add(KubernetesObjects.podRequest(pod, KubernetesObjects.MEMORY, KubernetesObjects::bytes));
        pods++;
    }

    BigDecimal cpu() {
        return cpu;
    }

    BigDecimal memory() {
        return memory;
    }

    int pods() {
        return pods;
    }
}
