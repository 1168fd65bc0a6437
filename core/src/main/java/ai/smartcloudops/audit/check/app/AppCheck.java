package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import java.util.List;

/**
 * An application check inspects its service's {@link AppSnapshot}, the probes of its health URLs taken once per run
 * for every APP check, and says what problems it sees; it probes nothing itself.
 */
abstract class AppCheck extends AreaCheck {

    protected final AppTargets targets;

    AppCheck(String id, AppTargets targets) {
        super(id, AppCode.class, targets::targets);
        this.targets = targets;
    }

    /** What the check finds in the service's snapshot. */
    abstract List<Problem> inspect(CheckContext context, AppSnapshot snapshot);

    @Override
    public final List<Problem> run(CheckContext context) {
        return inspect(context, targets.snapshot(context));
    }
}
