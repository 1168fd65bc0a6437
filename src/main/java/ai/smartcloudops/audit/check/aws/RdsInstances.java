package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Endpoint;

/**
 * The RDS instances of a target (DescribeDBInstances, every Marker page), described once per target and run for
 * both RDS checks: a denied or failed describe skips or fails both, a denied GetMetricData only the metrics check.
 */
final class RdsInstances {

    static final String ACTION = "rds:DescribeDBInstances";
    static final String KIND = "DBInstance";

    private RdsInstances() {
    }

    static List<DBInstance> all(AwsTargets targets, CheckContext context) {
        return context.shared(SharedKey.of("aws.rds.instances", List.class), () -> {
            RdsClient rds = targets.client(context, "rds", RdsClient::builder);
            return targets.call(context, ACTION,
                    () -> rds.describeDBInstancesPaginator(r -> r.maxRecords(100)).dbInstances().stream().toList());
        });
    }

    static Resource resource(DBInstance db) {
        return new Resource(KIND, null, db.dbInstanceIdentifier());
    }

    /** What every RDS code says about an instance: its engine and class. */
    static Map<String, Object> facts(DBInstance db) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("engine", db.engine() + (db.engineVersion() == null ? "" : " " + db.engineVersion()));
        facts.put("instanceClass", db.dbInstanceClass());
        return facts;
    }

    /**
     * How psql reaches the instance as its master user: its endpoint (DB_HOST, to be set, while it has none yet) and
     * database (postgres when it was created without one).
     */
    static Map<String, Object> psql(DBInstance db) {
        Endpoint endpoint = db.endpoint();
        return Map.of("host", endpoint == null || endpoint.address() == null ? new Template.Variable("DB_HOST")
                        : endpoint.address(),
                "port", endpoint == null || endpoint.port() == null ? 5432 : endpoint.port(),
                "user", db.masterUsername() == null ? "postgres" : db.masterUsername(),
                "database", db.dbName() == null ? "postgres" : db.dbName());
    }
}
