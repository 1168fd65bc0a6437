package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Ladder;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.text.Humanize;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The CPUUtilization and FreeStorageSpace of the last hour of every RDS instance of an account region (the instances
 * described once for both RDS checks, their metrics in one GetMetricData batch): little free storage (AWS-402) and
 * busy CPU (AWS-403). A denied GetMetricData skips this check alone.
 */
@Component
public class RdsMetricsCheck extends AwsCheck {

    public static final String ID = "aws.rds.metrics";
    private static final double GIB = 1024.0 * 1024 * 1024;
    /** How far (a share of the allocated storage) free storage must move back past an edge before AWS-402 eases. */
    static final double STORAGE_MARGIN = 0.01;

    public RdsMetricsCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        Optional<List<DBInstance>> listed = snapshot.dbInstances().in(context);
        Optional<CloudWatchMetrics.Values> read = snapshot.rdsMetrics().in(context);
        if (listed.isEmpty() || read.isEmpty()) {
            return List.of();
        }
        CloudWatchMetrics.Values values = read.get();
        AwsProperties.Thresholds thresholds = targets.properties().thresholds();
        List<Problem> findings = new ArrayList<>();
        for (DBInstance db : listed.get()) {
            storage(context, db, values.latest(AwsSnapshot.free(db)), thresholds).ifPresent(findings::add);
            values.latest(AwsSnapshot.cpu(db)).filter(cpu -> cpu > thresholds.rdsCpuPercent()).ifPresent(cpu -> {
                Map<String, Object> facts = RdsInstances.facts(db);
                facts.put("cpu", Humanize.percent(cpu));
                facts.put("threshold", Humanize.percent(thresholds.rdsCpuPercent()));
                facts.put("until", context.now().truncatedTo(ChronoUnit.MINUTES));
                findings.add(Problem.of(AwsCode.AWS_403, RdsInstances.resource(db), facts)
                        .withValues(RdsInstances.psql(db)));
            });
        }
        return findings;
    }

    private static Optional<Problem> storage(CheckContext context, DBInstance db, Optional<Double> freeBytes,
                                             AwsProperties.Thresholds thresholds) {
        if (freeBytes.isEmpty() || db.allocatedStorage() == null || db.allocatedStorage() <= 0) {
            return Optional.empty();
        }
        double allocated = db.allocatedStorage() * GIB;
        double share = freeBytes.get() / allocated;
        Ladder ladder = Ladder.falling(STORAGE_MARGIN,
                new Ladder.Band(thresholds.rdsFreeStorageWarn(), Grade.DEFAULT),
                new Ladder.Band(thresholds.rdsFreeStorageCritical(), AwsCode.STORAGE_CRITICAL));
        Optional<String> grade = context.grade(AwsCode.AWS_402, RdsInstances.resource(db), ladder, share);
        if (grade.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> facts = RdsInstances.facts(db);
        facts.put("free", Humanize.bytes(freeBytes.get()));
        facts.put("allocated", db.allocatedStorage() + " GiB");
        facts.put("freePercent", Humanize.percent(share * 100));
        facts.put("warnAt", Humanize.percent(thresholds.rdsFreeStorageWarn() * 100));
        facts.put("criticalAt", Humanize.percent(thresholds.rdsFreeStorageCritical() * 100));
        facts.put("suggestedGiB", (int) Math.ceil(db.allocatedStorage() * 1.5));
        return Optional.of(Problem.graded(AwsCode.AWS_402, grade.get(), RdsInstances.resource(db), facts));
    }
}
