package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guide's query-performance diagnostic: the statements of this database with the highest mean time in
 * pg_stat_statements (PG-202), or PG-203 when the extension is not there to ask. Without pg_read_all_stats the
 * statements of other roles come without their text: the check is partial.
 */
@Component
public class StatementsCheck extends PostgresCheck {

    static final String ID = "postgres.statements";

    public StatementsCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    private record Statement(String queryId, double meanMillis, long calls, double totalMillis, String query) {
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            String schema = Sql.list(c, """
                    SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                    WHERE e.extname = 'pg_stat_statements'""", rs -> rs.getString(1)).stream().findFirst().orElse(null);
            if (schema == null) {
                return List.of(missing(context, database, "The extension is not created in " + database));
            }
            boolean exec = c.getMetaData().getDatabaseMajorVersion() >= 13;
            List<Statement> statements;
            try {
                statements = Sql.list(c, ("""
                        SELECT s.queryid, s.%1$s, s.calls, s.%2$s, s.query
                        FROM %3$s.pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                        WHERE d.datname = current_database() AND s.calls >= ? AND s.%1$s >= ?
                        ORDER BY s.%1$s DESC""").formatted(exec ? "mean_exec_time" : "mean_time",
                                exec ? "total_exec_time" : "total_time", quote(schema)),
                        rs -> new Statement(rs.getString(1), rs.getDouble(2), rs.getLong(3), rs.getDouble(4),
                                Sql.truncate(Sql.redact(rs.getString(5)))),
                        thresholds.slowMinCalls(), thresholds.slowMeanMillis());
            } catch (SQLException e) {
                if ("55000".equals(e.getSQLState())) {   // must be loaded via shared_preload_libraries
                    return List.of(missing(context, database, "The extension is created but the library is not "
                            + "in shared_preload_libraries"));
                }
                throw e;
            }
            Privileges.stats(context, c, Sql.one(c, """
                    SELECT count(*) FROM %s.pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                    WHERE d.datname = current_database() AND s.query = ?""".formatted(quote(schema)),
                    rs -> rs.getLong(1), Privileges.HIDDEN),
                    "statements of other roles in pg_stat_statements (their text and queryid)");
            if (statements.isEmpty()) {
                return List.of();
            }
            Statement slowest = statements.get(0);
            int shown = Math.min(statements.size(), thresholds.topStatements());
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("database", database);
            facts.put("psql", postgresTargets.psql(context));
            facts.put("statements", statements.size());
            facts.put("threshold", Humanize.millis(thresholds.slowMeanMillis()));
            facts.put("minCalls", thresholds.slowMinCalls());
            facts.put("slowestMean", Humanize.millis(slowest.meanMillis()));
            facts.put("slowestCalls", slowest.calls());
            facts.put("shown", shown);
            statements.stream().limit(shown).forEach(s -> facts.put("queryid " + s.queryId(),
                    "mean " + Humanize.millis(s.meanMillis()) + ", " + s.calls() + " calls, total "
                            + Humanize.millis(s.totalMillis()) + ": " + s.query()));
            return List.of(Problem.of(PostgresCode.PG_202, Sql.database(database), facts));
        });
    }

    private Problem missing(CheckContext context, String database, String reason) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("database", database);
        facts.put("psql", postgresTargets.psql(context));
        facts.put("reason", reason);
        return Problem.of(PostgresCode.PG_203, Sql.database(database), facts);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
