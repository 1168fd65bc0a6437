package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-306: a DaemonSet with pods that are not ready — the guide's Fluentd: a node without its collector
 * ships no logs.
 */
@Component
public class DaemonSetCheck extends KubernetesCheck {

    static final String ID = "kubernetes.daemonsets";

    public DaemonSetCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.DAEMONSETS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return Inspection.each(DaemonSet.class, (daemonSet, findings) -> {
            DaemonSetStatus status = daemonSet.getStatus();
            if (status == null) {
                // the controller has not counted it yet
                return;
            }
            int desired = KubernetesObjects.count(status.getDesiredNumberScheduled());
            int ready = KubernetesObjects.count(status.getNumberReady());
            int unavailable = KubernetesObjects.count(status.getNumberUnavailable());
            if (ready >= desired && unavailable <= 0) {
                return;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("ready", ready);
            facts.put("desired", desired);
            facts.put("current", KubernetesObjects.count(status.getCurrentNumberScheduled()));
            facts.put("available", KubernetesObjects.count(status.getNumberAvailable()));
            facts.put("unavailable", unavailable);
            facts.put("updated", KubernetesObjects.count(status.getUpdatedNumberScheduled()));
            facts.put("selector", KubernetesObjects.selector(daemonSet.getSpec() == null ? null
                    : daemonSet.getSpec().getSelector()));
            findings.add(Problem.of(KubernetesCode.K8S_306, KubernetesObjects.resource("DaemonSet", daemonSet), facts));
        });
    }
}
