package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-504, the guide's smartcloudops-network-policy: an application namespace without any NetworkPolicy has
 * nothing to patch when an address must be blocked.
 */
@Component
public class NetworkPolicyCheck extends KubernetesCheck {

    static final String ID = "kubernetes.network-policies";

    public NetworkPolicyCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.NAMESPACES, Kind.NETWORK_POLICIES);
    }

    @Override
    Inspection inspect(CheckContext context) {
        return AppNamespaces.without(context, clusters.properties(), NetworkPolicy.class, KubernetesCode.K8S_504);
    }
}
