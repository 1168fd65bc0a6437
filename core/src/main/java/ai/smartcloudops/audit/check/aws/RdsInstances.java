package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Resource;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Endpoint;

/** What the RDS checks say about an instance of the snapshot's DescribeDBInstances: its resource, facts and psql. */
final class RdsInstances {

    static final String KIND = "DBInstance";

    private RdsInstances() {
    }

    static Resource resource(DBInstance db) {
        return new Resource(KIND, null, db.dbInstanceIdentifier());
    }

    /** What every RDS code says about an instance: its engine and class. */
    static Map<String, Object> facts(DBInstance db) {
        Map<String, Object> facts = new LinkedHashMap<>();
        // "?" for what the answer left out: a template cannot show a missing value
        facts.put("engine", (db.engine() == null ? "?" : db.engine())
                + (db.engineVersion() == null ? "" : " " + db.engineVersion()));
        facts.put("instanceClass", db.dbInstanceClass() == null ? "?" : db.dbInstanceClass());
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
