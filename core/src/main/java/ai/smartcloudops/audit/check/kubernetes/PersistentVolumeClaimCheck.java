package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-701: a PersistentVolumeClaim still Pending after the pending grace (no volume provisioned or bound: the pod
 * that mounts it cannot start), or Lost (its volume is gone: the data may be too).
 */
@Component
public class PersistentVolumeClaimCheck extends KubernetesCheck {

    static final String ID = "kubernetes.persistentvolumeclaims";

    public PersistentVolumeClaimCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PERSISTENT_VOLUME_CLAIMS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Instant graceStart = context.now().minus(clusters.properties().pendingGrace());
        return Inspection.each(PersistentVolumeClaim.class, (claim, findings) -> {
            String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
            Instant created = KubernetesObjects.instant(claim.getMetadata().getCreationTimestamp());
            boolean lost = "Lost".equals(phase);
            boolean pending = "Pending".equals(phase) && (created == null || created.isBefore(graceStart));
            if (!lost && !pending) {
                return;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("phase", phase);
            facts.put("problem", lost ? "its volume is gone, and the data on it may be"
                    : "no volume has been bound to it for " + clusters.properties().pendingGrace().toMinutes()
                            + " minutes or more; a pod that mounts it cannot start");
            Quantity requested = claim.getSpec() == null || claim.getSpec().getResources() == null ? null
                    : KubernetesObjects.map(claim.getSpec().getResources().getRequests()).get("storage");
            facts.put("requested", requested == null ? "no size" : requested.toString());
            facts.put("storageClass", claim.getSpec() == null ? "<default>"
                    : KubernetesObjects.orElse(claim.getSpec().getStorageClassName(), "<default>"));
            facts.put("volume", claim.getSpec() == null ? "<none>"
                    : KubernetesObjects.orElse(claim.getSpec().getVolumeName(), "<none>"));
            facts.put("created", created == null ? "at an unknown time" : created.toString());
            findings.add(Problem.graded(KubernetesCode.K8S_701, lost ? KubernetesCode.LOST : Grade.DEFAULT,
                    KubernetesObjects.resource("PersistentVolumeClaim", claim), facts));
        });
    }
}
