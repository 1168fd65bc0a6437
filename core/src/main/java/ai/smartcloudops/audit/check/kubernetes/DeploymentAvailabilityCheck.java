package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

@Component
public class DeploymentAvailabilityCheck extends KubernetesCheck {

    static final String ID = "kubernetes.deployment-availability";

    public DeploymentAvailabilityCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.DEPLOYMENTS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return Inspection.each(Deployment.class, (deployment, findings) -> {
            DeploymentSpec spec = deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
            DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
            // the API server defaults spec.replicas to 1
            int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
            int available = KubernetesObjects.count(status.getAvailableReplicas());
            int unavailable = KubernetesObjects.count(status.getUnavailableReplicas());
            if (unavailable <= 0 && available >= replicas) {
                return;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("unavailable", unavailable > 0 ? unavailable : replicas - available);
            facts.put("replicas", replicas);
            facts.put("ready", KubernetesObjects.count(status.getReadyReplicas()));
            facts.put("available", available);
            facts.put("condition", failingCondition(status));
            facts.put("selector", KubernetesObjects.selector(spec.getSelector()));
            Resource resource = new Resource("Deployment", deployment.getMetadata().getNamespace(),
                    deployment.getMetadata().getName());
            // nothing serves at all: an outage, not a degradation
            findings.add(Problem.graded(KubernetesCode.K8S_301, replicas > 0 && available == 0 ? KubernetesCode.NO_REPLICA_AVAILABLE : Grade.DEFAULT, resource, facts));
        });
    }

    /** The message of the Available or Progressing condition that is False. */
    private static String failingCondition(DeploymentStatus status) {
        return Stream.of("Available", "Progressing")
                .flatMap(type -> KubernetesObjects.condition(status.getConditions(), DeploymentCondition::getType, type)
                        .stream())
                .filter(c -> "False".equals(c.getStatus()))
                .map(c -> KubernetesObjects.orElse(c.getMessage(), c.getType() + " is False ("
                        + KubernetesObjects.orElse(c.getReason(), "no reason") + ")"))
                .findFirst().orElse("no failing condition reported");
    }
}
