package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The guide's "Connection pool exhaustion" seen from the server: client connections over max_connections. */
@Component
public class ConnectionsCheck extends PostgresCheck {

    static final String ID = "postgres.connections";
    static final int TOP_APPLICATIONS = 5;

    public ConnectionsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            int max = Sql.one(c, "SELECT current_setting('max_connections')::int", rs -> rs.getInt(1));
            int reserved = Sql.one(c, "SELECT current_setting('superuser_reserved_connections')::int",
                    rs -> rs.getInt(1));
            List<String[]> states = Sql.list(c, """
                    SELECT coalesce(state, 'unknown'), count(*) FROM pg_stat_activity
                    WHERE backend_type = 'client backend' GROUP BY 1 ORDER BY 2 DESC, 1""",
                    rs -> new String[] {rs.getString(1), rs.getString(2)});
            int connections = states.stream().mapToInt(s -> Integer.parseInt(s[1])).sum();
            int percent = (int) Math.floor(100.0 * connections / max);
            Severity severity = percent >= thresholds.connectionsCriticalPercent() ? Severity.P1
                    : percent >= thresholds.connectionsWarnPercent() ? Severity.P2 : null;
            if (severity == null) {
                return List.of();
            }
            List<String> applications = Sql.list(c, """
                    SELECT coalesce(nullif(application_name, ''), '(none)'), count(*) FROM pg_stat_activity
                    WHERE backend_type = 'client backend' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?""",
                    rs -> rs.getString(1) + " " + rs.getInt(2), TOP_APPLICATIONS);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("database", database);
            facts.put("percent", percent);
            facts.put("connections", connections);
            facts.put("maxConnections", max);
            facts.put("reserved", reserved);
            facts.put("byState", String.join(", ", states.stream().map(s -> s[0] + " " + s[1]).toList()));
            facts.put("applications", String.join(", ", applications));
            facts.put("warnPercent", thresholds.connectionsWarnPercent());
            facts.put("criticalPercent", thresholds.connectionsCriticalPercent());
            return List.of(context.finding(PostgresCode.PG_102, severity, Sql.database(database), facts));
        });
    }
}
