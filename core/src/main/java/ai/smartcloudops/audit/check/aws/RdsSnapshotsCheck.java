package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * AWS-407: every RDS instance has an automated snapshot from the last 24 hours (DescribeDBSnapshots, SnapshotType
 * automated, per instance, every Marker page) — what a restore after a failed maintenance starts from. Nightly and
 * before maintenance only: snapshots are daily, so an hourly look adds nothing.
 */
@Component
public class RdsSnapshotsCheck extends AwsCheck {

    public static final String ID = "aws.rds.snapshots";
    /** The pre-maintenance gate's requirement: a day's writes at most to lose. */
    static final Duration MAX_AGE = Duration.ofHours(24);

    public RdsSnapshotsCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    public Set<Schedule> schedules() {
        return EnumSet.of(Schedule.NIGHTLY, Schedule.PRE_MAINTENANCE);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        Optional<List<DBInstance>> listed = snapshot.dbInstances().in(context);
        Optional<Map<String, Instant>> snapshots = snapshot.snapshots().in(context);
        if (listed.isEmpty() || snapshots.isEmpty()) {
            return List.of();
        }
        List<Problem> findings = new ArrayList<>();
        for (DBInstance db : listed.get()) {
            Optional<Instant> newest = Optional.ofNullable(snapshots.get().get(db.dbInstanceIdentifier()));
            if (newest.isPresent() && newest.get().isAfter(context.now().minus(MAX_AGE))) {
                continue;
            }
            Map<String, Object> facts = RdsInstances.facts(db);
            facts.put("maxAge", Humanize.duration(MAX_AGE));
            facts.put("newest", newest.map(at -> at + ", " + Humanize.duration(Duration.between(at,
                    context.now())) + " old").orElse("none"));
            findings.add(Problem.of(AwsCode.AWS_407, RdsInstances.resource(db), facts));
        }
        return findings;
    }
}
