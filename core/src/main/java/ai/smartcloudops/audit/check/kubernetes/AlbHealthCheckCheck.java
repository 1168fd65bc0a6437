package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-403, the guide's "Fix Health Check Configuration": an ALB ingress that leaves its health-check path,
 * interval or timeout to the controller's defaults.
 */
@Component
public class AlbHealthCheckCheck extends KubernetesCheck {

    static final String ID = "kubernetes.alb-health-check";

    private static final List<String> ANNOTATIONS = List.of(KubernetesObjects.ALB_HEALTHCHECK_PATH,
            "alb.ingress.kubernetes.io/healthcheck-interval-seconds",
            "alb.ingress.kubernetes.io/healthcheck-timeout-seconds");

    public AlbHealthCheckCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.INGRESSES);
    }

    @Override
    Inspection inspect(CheckContext context) {
        String expectedPath = clusters.properties().albHealthCheckPath();
        return Inspection.each(Ingress.class, (ingress, findings) -> {
            if (!KubernetesObjects.alb(ingress)) {
                return;
            }
            Map<String, String> annotations = KubernetesObjects.map(ingress.getMetadata().getAnnotations());
            List<String> missing = ANNOTATIONS.stream()
                    .filter(a -> annotations.get(a) == null || annotations.get(a).isBlank()).toList();
            if (missing.isEmpty()) {
                return;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("missing", String.join(", ", missing));
            facts.put("expectedPath", expectedPath);
            findings.add(Problem.of(KubernetesCode.K8S_403, new Resource("Ingress", ingress.getMetadata().getNamespace(), ingress.getMetadata().getName()), facts));
        });
    }
}
