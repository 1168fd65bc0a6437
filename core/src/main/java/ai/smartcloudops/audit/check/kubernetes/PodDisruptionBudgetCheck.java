package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-305: a PodDisruptionBudget that allows no disruption while it covers pods: the guide's
 * {@code kubectl drain} waits on it forever, so a node cannot be replaced.
 */
@Component
public class PodDisruptionBudgetCheck extends KubernetesCheck {

    public static final String ID = "kubernetes.pdb";

    public PodDisruptionBudgetCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.POD_DISRUPTION_BUDGETS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return Inspection.each(PodDisruptionBudget.class, (pdb, findings) -> {
            PodDisruptionBudgetStatus status = pdb.getStatus();
            // no status yet: the disruption controller has not looked at it
            if (status == null || status.getDisruptionsAllowed() == null || status.getDisruptionsAllowed() > 0
                    || KubernetesObjects.count(status.getExpectedPods()) <= 0) {
                return;
            }
            PodDisruptionBudgetSpec spec = pdb.getSpec() == null ? new PodDisruptionBudgetSpec() : pdb.getSpec();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("currentHealthy", KubernetesObjects.count(status.getCurrentHealthy()));
            facts.put("desiredHealthy", KubernetesObjects.count(status.getDesiredHealthy()));
            facts.put("expectedPods", status.getExpectedPods());
            facts.put("disruptionsAllowed", status.getDisruptionsAllowed());
            facts.put("policy", policy(spec));
            facts.put("selector", KubernetesObjects.selector(spec.getSelector()));
            findings.add(Problem.of(KubernetesCode.K8S_305, KubernetesObjects.resource("PodDisruptionBudget", pdb), facts));
        });
    }

    private static String policy(PodDisruptionBudgetSpec spec) {
        if (spec.getMinAvailable() != null) {
            return "minAvailable " + value(spec.getMinAvailable());
        }
        if (spec.getMaxUnavailable() != null) {
            return "maxUnavailable " + value(spec.getMaxUnavailable());
        }
        return "no minAvailable or maxUnavailable";
    }

    private static String value(IntOrString value) {
        return value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getIntVal());
    }
}
