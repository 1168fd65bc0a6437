package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Resource;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;

/**
 * Every RDS instance of an account region (DescribeDBInstances, shared with {@link RdsMetricsCheck}): not available
 * (AWS-401), a production instance without Multi-AZ (AWS-404) or backups (AWS-405), and modifications waiting for
 * the maintenance window (AWS-406). No metric is needed, so a denied GetMetricData leaves these findings whole.
 */
@Component
public class RdsInstancesCheck extends AwsCheck {

    public static final String ID = "aws.rds.instances";


    public RdsInstancesCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        AwsProperties.Account account = targets.account(context);
        List<Problem> findings = new ArrayList<>();
        for (DBInstance db : snapshot.dbInstances().in(context).orElse(List.of())) {
            Resource resource = RdsInstances.resource(db);
            // an instance without a status is not judged: nothing says it is not available
            if (db.dbInstanceStatus() != null && !"available".equals(db.dbInstanceStatus())) {
                Map<String, Object> facts = RdsInstances.facts(db);
                facts.put("status", db.dbInstanceStatus());
                findings.add(Problem.of(AwsCode.AWS_401, resource, facts));
            }
            if (account.isProduction(db.dbInstanceIdentifier())) {
                if (Boolean.FALSE.equals(db.multiAZ())) {
                    Map<String, Object> facts = RdsInstances.facts(db);
                    facts.put("multiAZ", false);
                    findings.add(Problem.of(AwsCode.AWS_404, resource, facts));
                }
                if (db.backupRetentionPeriod() != null && db.backupRetentionPeriod() == 0) {
                    Map<String, Object> facts = RdsInstances.facts(db);
                    facts.put("backupRetentionPeriod", 0);
                    findings.add(Problem.of(AwsCode.AWS_405, resource, facts));
                }
            }
            pending(context, db).ifPresent(findings::add);
        }
        return findings;
    }

    private static Optional<Problem> pending(CheckContext context, DBInstance db) {
        PendingModifiedValues pending = db.pendingModifiedValues();
        if (pending == null) {
            return Optional.empty();
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        List<String> options = new ArrayList<>();
        if (pending.dbInstanceClass() != null) {
            changes.put("DBInstanceClass", pending.dbInstanceClass());
            options.addAll(List.of("--db-instance-class", String.valueOf(pending.dbInstanceClass())));
        }
        if (pending.allocatedStorage() != null) {
            changes.put("AllocatedStorage", pending.allocatedStorage());
            options.addAll(List.of("--allocated-storage", String.valueOf(pending.allocatedStorage())));
        }
        if (pending.engineVersion() != null) {
            changes.put("EngineVersion", pending.engineVersion());
            options.addAll(List.of("--engine-version", String.valueOf(pending.engineVersion())));
        }
        if (pending.multiAZ() != null) {
            changes.put("MultiAZ", pending.multiAZ());
            options.add(pending.multiAZ() ? "--multi-az" : "--no-multi-az");
        }
        if (pending.backupRetentionPeriod() != null) {
            changes.put("BackupRetentionPeriod", pending.backupRetentionPeriod());
            options.addAll(List.of("--backup-retention-period", String.valueOf(pending.backupRetentionPeriod())));
        }
        if (pending.storageType() != null) {
            changes.put("StorageType", pending.storageType());
            options.addAll(List.of("--storage-type", String.valueOf(pending.storageType())));
        }
        if (pending.iops() != null) {
            changes.put("Iops", pending.iops());
            options.addAll(List.of("--iops", String.valueOf(pending.iops())));
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> facts = RdsInstances.facts(db);
        List<String> described = new ArrayList<>();
        changes.forEach((name, value) -> described.add(name + " " + value));
        facts.put("pending", String.join(", ", described));
        String window = db.preferredMaintenanceWindow();
        facts.put("window", window == null ? "none" : window);
        facts.put("nextWindow", nextWindow(window, context.now().atZone(ZoneOffset.UTC))
                .map(Object::toString).orElse("unknown"));
        facts.put("options", new Template.Words(options));
        return Optional.of(Problem.of(AwsCode.AWS_406, RdsInstances.resource(db), facts));
    }

    /** The next start of a weekly UTC window such as {@code sun:05:00-sun:05:30}, from {@code now}. */
    static Optional<Instant> nextWindow(String window, ZonedDateTime now) {
        if (window == null || !window.matches("[a-z]{3}:\\d{2}:\\d{2}-[a-z]{3}:\\d{2}:\\d{2}")) {
            return Optional.empty();
        }
        DayOfWeek day = Arrays.stream(DayOfWeek.values())
                .filter(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT).equals(window.substring(0, 3)))
                .findFirst().orElse(null);
        if (day == null) {
            return Optional.empty();
        }
        LocalTime time = LocalTime.parse(window.substring(4, 9));
        ZonedDateTime next = now.with(TemporalAdjusters.nextOrSame(day)).with(time);
        if (!next.isAfter(now)) {
            next = next.plusWeeks(1);
        }
        return Optional.of(next.toInstant());
    }
}
