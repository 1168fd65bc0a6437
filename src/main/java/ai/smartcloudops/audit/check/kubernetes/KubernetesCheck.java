package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.Target;
import java.util.List;

/** What every Kubernetes check shares: its id, its area, and the configured clusters as its targets. */
abstract class KubernetesCheck implements Check {

    private final String id;
    protected final KubernetesClusters clusters;

    protected KubernetesCheck(String id, KubernetesClusters clusters) {
        this.id = id;
        this.clusters = clusters;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Area area() {
        return Area.KUBERNETES;
    }

    @Override
    public final List<Target> targets() {
        return clusters.targets();
    }
}
