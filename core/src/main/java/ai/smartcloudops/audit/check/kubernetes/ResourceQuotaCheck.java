package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * K8S-501, the guide's "Check for Resource Limits": a ResourceQuota with a resource (CPU, memory, storage or a
 * count such as pods) used at or over the threshold of its hard limit; new pods of the namespace are refused
 * once it is full.
 */
@Component
public class ResourceQuotaCheck extends KubernetesCheck {

    static final String ID = "kubernetes.resource-quotas";

    public ResourceQuotaCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.RESOURCE_QUOTAS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        int threshold = clusters.properties().quotaPercentThreshold();
        return Inspection.each(ResourceQuota.class, (quota, findings) -> {
            // status.hard is what the quota controller enforces; a quota it has not seen yet only has spec.hard
            Map<String, Quantity> hard = quota.getStatus() != null && quota.getStatus().getHard() != null
                    ? quota.getStatus().getHard()
                    : quota.getSpec() == null ? Map.of() : KubernetesObjects.map(quota.getSpec().getHard());
            Map<String, Quantity> used = quota.getStatus() == null ? Map.of()
                    : KubernetesObjects.map(quota.getStatus().getUsed());
            List<Usage> over = new ArrayList<>();
            new TreeMap<>(hard).forEach((resource, limit) -> {
                // bytes() reads any quantity's plain amount (500m is 0.5, 10 is 10): the ratio is unit-free
                BigDecimal whole = KubernetesObjects.bytes(limit);
                Integer percent = KubernetesObjects.percent(KubernetesObjects.bytes(used.get(resource)), whole);
                if (percent != null && percent >= threshold) {
                    over.add(new Usage(resource, used.get(resource), limit, percent));
                }
            });
            if (over.isEmpty()) {
                return;
            }
            Usage worst = over.stream().max((a, b) -> Integer.compare(a.percent(), b.percent())).orElseThrow();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("resource", worst.resource());
            facts.put("percent", worst.percent());
            facts.put("used", worst.used() == null ? "0" : worst.used().toString());
            facts.put("hard", worst.hard().toString());
            facts.put("overThreshold", String.join(", ", over.stream().map(Usage::describe).toList()));
            facts.put("threshold", threshold);
            findings.add(Problem.of(KubernetesCode.K8S_501, new Resource("ResourceQuota", quota.getMetadata().getNamespace(), quota.getMetadata().getName()), facts));
        });
    }

    private record Usage(String resource, Quantity used, Quantity hard, int percent) {

        String describe() {
            return resource + " " + (used == null ? "0" : used) + "/" + hard + " (" + percent + "%)";
        }
    }
}
