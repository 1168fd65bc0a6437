package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import java.sql.Array;
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
public class ConnectionsCheck extends PostgresCheck {

    static final String ID = "postgres.connections";
    static final int TOP_APPLICATIONS = 5;
    private static final String UNKNOWN = "unknown (the server refused the audit)";

    public ConnectionsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets, postgresTargets::serverTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        Resource server = Sql.server(context.target().name());
        try {
            return postgresTargets.withServer(context, (c, database) -> {
                int max = Sql.one(c, "SELECT current_setting('max_connections')::int", rs -> rs.getInt(1));
                int reserved = Sql.one(c, "SELECT current_setting('superuser_reserved_connections')::int",
                        rs -> rs.getInt(1));
                Array own = postgresTargets.ownSessions(c, context);
                int held = Sql.one(c, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                        + "AND pid = ANY (?)", rs -> rs.getInt(1), own);
                List<String[]> states = Sql.list(c, """
                        SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity
                        WHERE backend_type = 'client backend' AND pid <> ALL (?) GROUP BY 1 ORDER BY 2 DESC, 1""",
                        rs -> new String[] {rs.getString(1), rs.getString(2)}, own);
                int connections = states.stream().mapToInt(s -> Integer.parseInt(s[1])).sum();
                int percent = (int) Math.floor(100.0 * connections / max);
                // no slot left for a role without superuser: the application's next connection fails
                String grade = connections >= max - reserved ? PostgresCode.NO_SLOT_LEFT
                        : percent >= thresholds.connectionsCriticalPercent() ? PostgresCode.CONNECTIONS_CRITICAL
                        : percent >= thresholds.connectionsWarnPercent() ? Grade.DEFAULT : null;
                if (grade == null) {
                    return List.of();
                }
                List<String> applications = Sql.list(c, """
                        SELECT coalesce(nullif(application_name, ''), '(none)'), count(*) FROM pg_stat_activity
                        WHERE backend_type = 'client backend' AND pid <> ALL (?) GROUP BY 1 ORDER BY 2 DESC, 1
                        LIMIT ?""", rs -> rs.getString(1) + " " + rs.getInt(2), own, TOP_APPLICATIONS);
                Map<String, Object> facts = facts(percent, connections + " of " + max + " connections in use ("
                        + reserved + " reserved for superusers), not counting the audit's own " + held,
                        String.join(", ", states.stream().map(s -> s[0] + " " + s[1]).toList()),
                        String.join(", ", applications), thresholds, database);
                facts.put("connections", connections);
                facts.put("maxConnections", max);
                facts.put("reserved", reserved);
                facts.put("auditConnections", held);
                return List.of(Problem.graded(PostgresCode.PG_102, grade, server, facts));
            });
        } catch (PostgresTargets.ServerFull full) {
            PostgresProperties.Database database = postgresTargets.server(context).databases().get(0);
            Map<String, Object> facts = facts(100, "The server refused the audit's connection: " + full.error(),
                    UNKNOWN, UNKNOWN, thresholds, database);
            facts.put("error", full.error());
            return List.of(Problem.graded(PostgresCode.PG_102, PostgresCode.NO_SLOT_LEFT, server, facts));
        }
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
