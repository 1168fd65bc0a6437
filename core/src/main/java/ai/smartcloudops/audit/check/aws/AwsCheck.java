package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.SharedKey;
import java.util.List;

/**
 * An AWS check inspects its account region's {@link AwsSnapshot}, read once per run for every AWS check of the target,
 * and says what problems it sees; it calls no API itself. An API that answered AccessDenied leaves the checks that
 * inspect its answer partial, with one AUDIT-904 naming the action.
 */
abstract class AwsCheck extends AreaCheck {

    protected final AwsTargets targets;

    AwsCheck(String id, AwsTargets targets) {
        super(id, AwsCode.class, targets::targets);
        this.targets = targets;
    }

    /** What the check finds in the target's snapshot. */
    abstract List<Problem> inspect(CheckContext context, AwsSnapshot snapshot);

    @Override
    public final List<Problem> run(CheckContext context) {
        return inspect(context, context.shared(SharedKey.of("aws.snapshot", AwsSnapshot.class),
                () -> AwsSnapshot.read(targets, context, context.checksOnTarget())));
    }
}
