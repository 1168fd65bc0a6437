package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-308: a StatefulSet with pods that are not ready — the guide's Elasticsearch: its pods are replaced one at a
 * time, in order, so a pod of a new revision that never becomes ready stops the rolling update where it is.
 */
@Component
public class StatefulSetCheck extends KubernetesCheck {

    static final String ID = "kubernetes.statefulsets";

    public StatefulSetCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.STATEFULSETS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return Inspection.each(StatefulSet.class, (statefulSet, findings) -> {
            StatefulSetStatus status = statefulSet.getStatus();
            if (status == null || statefulSet.getSpec() == null) {
                // the controller has not counted it yet
                return;
            }
            int replicas = KubernetesObjects.count(statefulSet.getSpec().getReplicas());
            int ready = KubernetesObjects.count(status.getReadyReplicas());
            if (ready >= replicas) {
                return;
            }
            int updated = KubernetesObjects.count(status.getUpdatedReplicas());
            String updateRevision = status.getUpdateRevision();
            boolean updating = updateRevision != null && !Objects.equals(updateRevision, status.getCurrentRevision());
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("ready", ready);
            facts.put("replicas", replicas);
            facts.put("update", updating
                    ? "Its rolling update to revision " + updateRevision + " is held at " + updated + " of "
                            + replicas + " pods: the next pod is replaced only when the ones before it are ready."
                    : "No update is in progress.");
            facts.put("current", KubernetesObjects.count(status.getCurrentReplicas()));
            facts.put("updated", updated);
            facts.put("available", KubernetesObjects.count(status.getAvailableReplicas()));
            facts.put("selector", KubernetesObjects.selector(statefulSet.getSpec().getSelector()));
            findings.add(Problem.of(KubernetesCode.K8S_308, KubernetesObjects.resource("StatefulSet", statefulSet),
                    facts));
        });
    }
}
