package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
public class PodSchedulingCheck implements Check {

    static final String ID = "kubernetes.pod-scheduling";

    private final KubernetesClusters clusters;

    public PodSchedulingCheck(KubernetesClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Area area() {
        return Area.KUBERNETES;
    }

    @Override
    public List<Target> targets() {
        return clusters.targets();
    }

    @Override
    public List<Finding> run(CheckContext context) {
        return List.of();
    }
}
