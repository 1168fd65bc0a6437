package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;

/**
 * Every RDS instance of an account region (DescribeDBInstances, every Marker page) with its CPUUtilization and
 * FreeStorageSpace of the last hour, all fetched in one batch: not available (AWS-401), little free storage
 * (AWS-402), busy CPU (AWS-403), a production instance without Multi-AZ (AWS-404) or backups (AWS-405), and
 * modifications waiting for the maintenance window (AWS-406).
 */
@Component
public class RdsInstancesCheck implements Check {

    public static final String ID = "aws.rds.instances";
    static final String ACTION = "rds:DescribeDBInstances";
    static final String KIND = "DBInstance";
    static final Duration HOUR = Duration.ofHours(1);
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final AwsTargets targets;
    private final CloudWatchMetrics metrics;

    public RdsInstancesCheck(AwsTargets targets, CloudWatchMetrics metrics) {
        this.targets = targets;
        this.metrics = metrics;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Area area() {
        return Area.AWS;
    }

    @Override
    public List<Target> targets() {
        return targets.targets();
    }

    @Override
    public List<Finding> run(CheckContext context) {
        RdsClient rds = targets.client(context, "rds", RdsClient::builder);
        List<DBInstance> instances = targets.call(context, ACTION,
                () -> rds.describeDBInstancesPaginator(r -> r.maxRecords(100)).dbInstances().stream().toList());
        List<CloudWatchMetrics.Query> queries = new ArrayList<>();
        for (DBInstance db : instances) {
            Map<String, String> dimensions = Map.of("DBInstanceIdentifier", db.dbInstanceIdentifier());
            queries.add(new CloudWatchMetrics.Query(cpu(db), "AWS/RDS", "CPUUtilization", dimensions, "Average",
                    HOUR));
            queries.add(new CloudWatchMetrics.Query(free(db), "AWS/RDS", "FreeStorageSpace", dimensions, "Minimum",
                    HOUR));
        }
        CloudWatchMetrics.Values values = metrics.fetch(context, queries, HOUR);
        AwsProperties.Thresholds thresholds = targets.properties().thresholds();
        AwsProperties.Account account = targets.account(context);
        List<Finding> findings = new ArrayList<>();
        for (DBInstance db : instances) {
            Resource resource = new Resource(KIND, null, db.dbInstanceIdentifier());
            if (!"available".equals(db.dbInstanceStatus())) {
                Map<String, Object> facts = describe(db);
                facts.put("status", db.dbInstanceStatus());
                findings.add(context.finding(AwsCode.AWS_401, resource, facts));
            }
            storage(context, db, values.latest(free(db)), thresholds).ifPresent(findings::add);
            values.latest(cpu(db)).filter(cpu -> cpu > thresholds.rdsCpuPercent()).ifPresent(cpu -> {
                Map<String, Object> facts = describe(db);
                facts.put("cpu", percent(cpu));
                facts.put("threshold", percent(thresholds.rdsCpuPercent()));
                facts.put("until", context.now().truncatedTo(ChronoUnit.MINUTES));
                findings.add(context.finding(AwsCode.AWS_403, resource, facts));
            });
            if (account.isProduction(db.dbInstanceIdentifier())) {
                if (Boolean.FALSE.equals(db.multiAZ())) {
                    Map<String, Object> facts = describe(db);
                    facts.put("multiAZ", false);
                    findings.add(context.finding(AwsCode.AWS_404, resource, facts));
                }
                if (db.backupRetentionPeriod() != null && db.backupRetentionPeriod() == 0) {
                    Map<String, Object> facts = describe(db);
                    facts.put("backupRetentionPeriod", 0);
                    findings.add(context.finding(AwsCode.AWS_405, resource, facts));
                }
            }
            pending(context, db).ifPresent(findings::add);
        }
        return findings;
    }

    private static String cpu(DBInstance db) {
        return "cpu " + db.dbInstanceIdentifier();
    }

    private static String free(DBInstance db) {
        return "free " + db.dbInstanceIdentifier();
    }

    private static Map<String, Object> describe(DBInstance db) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("engine", db.engine() + (db.engineVersion() == null ? "" : " " + db.engineVersion()));
        facts.put("instanceClass", db.dbInstanceClass());
        return facts;
    }

    private static Optional<Finding> storage(CheckContext context, DBInstance db, Optional<Double> freeBytes,
                                             AwsProperties.Thresholds thresholds) {
        if (freeBytes.isEmpty() || db.allocatedStorage() == null || db.allocatedStorage() <= 0) {
            return Optional.empty();
        }
        double allocated = db.allocatedStorage() * GIB;
        double share = freeBytes.get() / allocated;
        if (share >= thresholds.rdsFreeStorageWarn()) {
            return Optional.empty();
        }
        Severity severity = share < thresholds.rdsFreeStorageCritical() ? Severity.P1 : AwsCode.AWS_402.severity();
        Map<String, Object> facts = describe(db);
        facts.put("free", gib(freeBytes.get()));
        facts.put("allocated", db.allocatedStorage() + " GiB");
        facts.put("freePercent", percent(share * 100));
        facts.put("warnAt", percent(thresholds.rdsFreeStorageWarn() * 100));
        facts.put("criticalAt", percent(thresholds.rdsFreeStorageCritical() * 100));
        facts.put("suggestedGiB", (int) Math.ceil(db.allocatedStorage() * 1.5));
        return Optional.of(context.finding(AwsCode.AWS_402, severity, new Resource(KIND, null,
                db.dbInstanceIdentifier()), facts));
    }

    private static Optional<Finding> pending(CheckContext context, DBInstance db) {
        PendingModifiedValues pending = db.pendingModifiedValues();
        if (pending == null) {
            return Optional.empty();
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        List<String> options = new ArrayList<>();
        if (pending.dbInstanceClass() != null) {
            changes.put("DBInstanceClass", pending.dbInstanceClass());
            options.add("--db-instance-class " + pending.dbInstanceClass());
        }
        if (pending.allocatedStorage() != null) {
            changes.put("AllocatedStorage", pending.allocatedStorage());
            options.add("--allocated-storage " + pending.allocatedStorage());
        }
        if (pending.engineVersion() != null) {
            changes.put("EngineVersion", pending.engineVersion());
            options.add("--engine-version " + pending.engineVersion());
        }
        if (pending.multiAZ() != null) {
            changes.put("MultiAZ", pending.multiAZ());
            options.add(pending.multiAZ() ? "--multi-az" : "--no-multi-az");
        }
        if (pending.backupRetentionPeriod() != null) {
            changes.put("BackupRetentionPeriod", pending.backupRetentionPeriod());
            options.add("--backup-retention-period " + pending.backupRetentionPeriod());
        }
        if (pending.storageType() != null) {
            changes.put("StorageType", pending.storageType());
            options.add("--storage-type " + pending.storageType());
        }
        if (pending.iops() != null) {
            changes.put("Iops", pending.iops());
            options.add("--iops " + pending.iops());
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> facts = describe(db);
        List<String> described = new ArrayList<>();
        changes.forEach((name, value) -> described.add(name + " " + value));
        facts.put("pending", String.join(", ", described));
        String window = db.preferredMaintenanceWindow();
        facts.put("window", window == null ? "none" : window);
        facts.put("nextWindow", nextWindow(window, context.now().atZone(ZoneOffset.UTC))
                .map(Object::toString).orElse("unknown"));
        facts.put("options", String.join(" ", options));
        return Optional.of(context.finding(AwsCode.AWS_406, new Resource(KIND, null, db.dbInstanceIdentifier()),
                facts));
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

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    private static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }
}
