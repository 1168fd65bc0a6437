package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * K8S-204, the guide's {@code kubectl top pods --sort-by=memory}: a container whose working set is close to its
 * memory limit, where the kernel OOM-kills it.
 */
@Component
public class ContainerMemoryCheck extends ContainerLimitCheck {

    static final String ID = "kubernetes.container-memory";

    /** The guide's "Increase Memory Limits": 4Gi limit, 2Gi request. */
    private static final BigDecimal GUIDE_LIMIT = BigDecimal.valueOf(4L << 30);

    public ContainerMemoryCheck(KubernetesClusters clusters) {
        super(ID, clusters, KubernetesObjects.MEMORY, KubernetesObjects::bytes);
    }

    @Override
    int threshold(KubernetesProperties properties) {
        return properties.memoryLimitPercentThreshold();
    }

    @Override
    Problem problem(PodMetrics pod, Closest closest, int threshold) {
        boolean belowGuide = closest.limit().compareTo(GUIDE_LIMIT) < 0;
        BigDecimal suggestedLimit = belowGuide ? GUIDE_LIMIT : closest.limit().multiply(BigDecimal.valueOf(2));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", closest.container());
        facts.put("percent", closest.percent());
        facts.put("memoryUsed", KubernetesObjects.formatBytes(closest.used()));
        facts.put("memoryLimit", KubernetesObjects.formatBytes(closest.limit()));
        facts.put("threshold", threshold);
        facts.put("workload", closest.workload());
        facts.put("suggestedLimit", KubernetesObjects.formatBytes(suggestedLimit));
        facts.put("suggestedRequest", KubernetesObjects.formatBytes(suggestedLimit.divide(BigDecimal.valueOf(2))));
        return Problem.of(KubernetesCode.K8S_204, KubernetesObjects.resource("Pod", pod), facts);
    }
}
