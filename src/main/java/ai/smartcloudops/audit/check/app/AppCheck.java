package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.AreaCheck;

/** What every application check shares: its id, the area and the configured services as targets. */
abstract class AppCheck extends AreaCheck {

    protected final AppTargets targets;

    AppCheck(String id, AppTargets targets) {
        super(id, AppCode.class, targets::targets);
        this.targets = targets;
    }

}
