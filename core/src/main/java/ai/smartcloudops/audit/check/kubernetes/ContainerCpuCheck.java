package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * K8S-209, the guide's "High CPU/memory usage on pods" ({@code kubectl top pods --sort-by=cpu}): a container using
 * its CPU limit nearly whole, where the kernel throttles it and its requests wait. PROM-114 sees the throttling itself
 * where Prometheus scrapes cAdvisor.
 */
@Component
public class ContainerCpuCheck extends ContainerLimitCheck {

    static final String ID = "kubernetes.container-cpu";

    public ContainerCpuCheck(KubernetesClusters clusters) {
        super(ID, clusters, KubernetesObjects.CPU, KubernetesObjects::millicores);
    }

    @Override
    int threshold(KubernetesProperties properties) {
        return properties.cpuLimitPercentThreshold();
    }

    @Override
    Problem problem(PodMetrics pod, Closest closest, int threshold) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", closest.container());
        facts.put("percent", closest.percent());
        facts.put("cpuUsed", KubernetesObjects.formatMillicores(closest.used()));
        facts.put("cpuLimit", KubernetesObjects.formatMillicores(closest.limit()));
        facts.put("threshold", threshold);
        facts.put("workload", closest.workload());
        facts.put("suggestedLimit", KubernetesObjects.formatMillicores(closest.limit().multiply(BigDecimal.valueOf(2))));
        return Problem.of(KubernetesCode.K8S_209, KubernetesObjects.resource("Pod", pod), facts);
    }
}
