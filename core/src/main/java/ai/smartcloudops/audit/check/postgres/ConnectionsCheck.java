package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guide's "Connection pool exhaustion" seen from the server: client connections over max_connections, once per
 * server. The audit's own sessions are not counted, so the grade does not move with the audit's footprint; a server
 * that refuses the audit for want of a slot is P0 with what it answered.
 */
@Component
public class ConnectionsCheck extends PostgresServerCheck {

    static final String ID = "postgres.connections";
    private static final String UNKNOWN = "unknown (the server refused the audit)";

    public ConnectionsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PostgresServerSnapshot snapshot) {
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        PostgresServerSnapshot.Connections c = snapshot.connections().get(context);
        long connections = c.byState().stream().mapToLong(PostgresServerSnapshot.Count::count).sum();
        int percent = (int) Math.floor(100.0 * connections / c.max());
        // no slot left for a role without superuser: the application's next connection fails
        String grade = connections >= c.max() - c.reserved() ? PostgresCode.NO_SLOT_LEFT
                : percent >= thresholds.connectionsCriticalPercent() ? PostgresCode.CONNECTIONS_CRITICAL
                : percent >= thresholds.connectionsWarnPercent() ? Grade.DEFAULT : null;
        if (grade == null) {
            return List.of();
        }
        Map<String, Object> facts = facts(percent, connections + " of " + c.max() + " connections in use ("
                + c.reserved() + " reserved for superusers), not counting the audit's own " + c.held(),
                counts(c.byState()), counts(c.applications()), thresholds, snapshot.database());
        facts.put("connections", connections);
        facts.put("maxConnections", c.max());
        facts.put("reserved", c.reserved());
        facts.put("auditConnections", c.held());
        return List.of(Problem.graded(PostgresCode.PG_102, grade, Sql.server(context.target().name()), facts));
    }

    @Override
    List<Problem> inspectFull(CheckContext context, String error) {
        PostgresProperties.Database database = postgresTargets.server(context).databases().get(0);
        Map<String, Object> facts = facts(100, "The server refused the audit's connection: " + error, UNKNOWN,
                UNKNOWN, postgresTargets.thresholds(context), database);
        facts.put("error", error);
        return List.of(Problem.graded(PostgresCode.PG_102, PostgresCode.NO_SLOT_LEFT,
                Sql.server(context.target().name()), facts));
    }

    private static String counts(List<PostgresServerSnapshot.Count> counts) {
        return String.join(", ", counts.stream().map(c -> c.name() + " " + c.count()).toList());
    }

    private Map<String, Object> facts(int percent, String usage, String byState, String applications,
                                      PostgresProperties.Thresholds thresholds, PostgresProperties.Database database) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("percent", percent);
        facts.put("usage", usage);
        facts.put("byState", byState);
        facts.put("applications", applications);
        facts.put("warnPercent", thresholds.connectionsWarnPercent());
        facts.put("criticalPercent", thresholds.connectionsCriticalPercent());
        facts.put("psql", postgresTargets.psql(database));
        return facts;
    }
}
