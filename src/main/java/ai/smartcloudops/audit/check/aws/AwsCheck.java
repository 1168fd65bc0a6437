package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.Target;
import java.util.List;

/** What every AWS check shares: its id, the area and the configured accounts' regions as targets. */
abstract class AwsCheck implements Check {

    private final String id;
    protected final AwsTargets targets;

    AwsCheck(String id, AwsTargets targets) {
        this.id = id;
        this.targets = targets;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Area area() {
        return Area.AWS;
    }

    @Override
    public final List<Target> targets() {
        return targets.targets();
    }
}
