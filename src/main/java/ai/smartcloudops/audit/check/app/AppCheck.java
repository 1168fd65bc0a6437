package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.Target;
import java.util.List;

/** What every application check shares: its id, the area and the configured services as targets. */
abstract class AppCheck implements Check {

    private final String id;
    protected final AppTargets targets;

    AppCheck(String id, AppTargets targets) {
        this.id = id;
        this.targets = targets;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Area area() {
        return Area.APP;
    }

    @Override
    public final List<Target> targets() {
        return targets.targets();
    }
}
