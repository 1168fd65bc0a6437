package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-302: a rollout the deployment controller gave up on — Progressing is False, usually
 * ProgressDeadlineExceeded. The old ReplicaSet may still serve, so availability alone does not show it.
 */
@Component
public class RolloutCheck extends KubernetesCheck {

    static final String ID = "kubernetes.rollouts";

    public RolloutCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.DEPLOYMENTS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return Inspection.each(Deployment.class, (deployment, findings) -> {
            DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
            KubernetesObjects.condition(status.getConditions(), DeploymentCondition::getType, "Progressing")
                    .filter(c -> "False".equals(c.getStatus()))
                    .ifPresent(progressing -> {
                        Integer desired = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("reason", KubernetesObjects.orElse(progressing.getReason(), "no reason"));
                        facts.put("message", KubernetesObjects.orElse(progressing.getMessage(), "no message."));
                        facts.put("since", KubernetesObjects.orElse(progressing.getLastTransitionTime(),
                                KubernetesObjects.orElse(progressing.getLastUpdateTime(), "unknown")));
                        facts.put("updated", KubernetesObjects.count(status.getUpdatedReplicas()));
                        // the API server defaults spec.replicas to 1
                        facts.put("replicas", desired == null ? 1 : desired);
                        facts.put("ready", KubernetesObjects.count(status.getReadyReplicas()));
                        facts.put("available", KubernetesObjects.count(status.getAvailableReplicas()));
                        facts.put("replicaFailure", KubernetesObjects.condition(status.getConditions(),
                                        DeploymentCondition::getType, "ReplicaFailure")
                                .filter(c -> "True".equals(c.getStatus()))
                                .map(c -> KubernetesObjects.orElse(c.getMessage(),
                                        KubernetesObjects.orElse(c.getReason(), "ReplicaFailure")))
                                .orElse("none"));
                        findings.add(Problem.of(KubernetesCode.K8S_302, KubernetesObjects.resource("Deployment", deployment), facts));
                    });
        });
    }
}
