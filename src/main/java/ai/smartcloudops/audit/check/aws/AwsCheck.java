package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.AreaCheck;

/** What every AWS check shares: its id, the area and the configured accounts' regions as targets. */
abstract class AwsCheck extends AreaCheck {

    protected final AwsTargets targets;

    AwsCheck(String id, AwsTargets targets) {
        super(id, AwsCode.class, targets::targets);
        this.targets = targets;
    }

}
