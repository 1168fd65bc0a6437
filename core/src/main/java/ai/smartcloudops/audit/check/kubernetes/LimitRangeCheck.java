package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import io.fabric8.kubernetes.api.model.LimitRange;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** K8S-502, the guide's "kubectl get limitrange --all-namespaces": an application namespace without a LimitRange. */
@Component
public class LimitRangeCheck extends KubernetesCheck {

    static final String ID = "kubernetes.limit-ranges";

    public LimitRangeCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.NAMESPACES, Kind.LIMIT_RANGES);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return AppNamespaces.without(context, clusters.properties(), LimitRange.class, KubernetesCode.K8S_502);
    }
}
