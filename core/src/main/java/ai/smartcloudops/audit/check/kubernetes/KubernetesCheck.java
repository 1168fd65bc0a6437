package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import java.util.List;
import java.util.Set;

/**
 * A Kubernetes check reads the objects of one scan per cluster and run, shared by every Kubernetes check of the
 * run: it names the kinds it reads and returns an {@link Inspection} that sees them stream by.
 */
abstract class KubernetesCheck extends AreaCheck {

    protected final KubernetesClusters clusters;

    protected KubernetesCheck(String id, KubernetesClusters clusters) {
        super(id, KubernetesCode.class, clusters::targets);
        this.clusters = clusters;
        clusters.register(this);
    }

    abstract Set<Kind> kinds();

    abstract Inspection inspect(CheckContext context);

    /** Whether the check's findings carry the last lines their container wrote ({@link LastLines}). */
    boolean lastLines() {
        return false;
    }

    @Override
    public final List<Problem> run(CheckContext context) {
        List<Problem> problems = clusters.scan(context).problemsOf(id());
        return lastLines() ? LastLines.attach(context, clusters.client(context.target().name()), problems) : problems;
    }
}
