package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tables bloated with dead tuples (many, and a large share of the table), or with many dead tuples and no
 * vacuum or analyze for longer than the stale threshold.
 */
@Component
public class DeadTuplesCheck extends PostgresCheck {

    static final String ID = "postgres.dead-tuples";

    public DeadTuplesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        PostgresProperties.Thresholds t = postgresTargets.thresholds(context);
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            return Sql.list(c, """
                    SELECT s.schemaname, s.relname, quote_ident(s.schemaname) || '.' || quote_ident(s.relname),
                           s.n_live_tup, s.n_dead_tup,
                           greatest(s.last_vacuum, s.last_autovacuum), greatest(s.last_analyze, s.last_autoanalyze),
                           now() - greatest(s.last_vacuum, s.last_autovacuum) >= make_interval(secs => ?) IS NOT FALSE,
                           now() - greatest(s.last_analyze, s.last_autoanalyze) >= make_interval(secs => ?) IS NOT FALSE,
                           coalesce((SELECT o.option_value FROM pg_options_to_table(cl.reloptions) o
                                     WHERE o.option_name = 'autovacuum_enabled'), 'default')
                    FROM pg_stat_user_tables s JOIN pg_class cl ON cl.oid = s.relid
                    WHERE s.n_dead_tup >= ?
                    ORDER BY s.n_dead_tup DESC""", rs -> {
                        long live = rs.getLong(4);
                        long dead = rs.getLong(5);
                        double ratio = (double) dead / Math.max(1, live + dead);
                        List<String> reasons = new ArrayList<>();
                        if (ratio >= t.deadTupleRatio()) {
                            reasons.add(Humanize.percent(100 * ratio) + " of the table's tuples are dead (threshold "
                                    + Humanize.percent(100 * t.deadTupleRatio()) + ")");
                        }
                        if (rs.getBoolean(8)) {
                            reasons.add(rs.getTimestamp(6) == null ? "never vacuumed"
                                    : "not vacuumed for " + Humanize.duration(t.staleVacuum()) + " or more");
                        }
                        if (rs.getBoolean(9)) {
                            reasons.add(rs.getTimestamp(7) == null ? "never analyzed"
                                    : "not analyzed for " + Humanize.duration(t.staleVacuum()) + " or more");
                        }
                        if (reasons.isEmpty()) {
                            return null;
                        }
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("database", database);
                        facts.put("psql", postgresTargets.psql(context));
                        facts.put("qualified", rs.getString(3));
                        facts.put("deadTuples", dead);
                        facts.put("deadPercent", Humanize.percent(100 * ratio));
                        facts.put("liveTuples", live);
                        facts.put("reason", capitalized(String.join(", ", reasons)));
                        facts.put("lastVacuum", when(rs.getTimestamp(6)));
                        facts.put("lastAnalyze", when(rs.getTimestamp(7)));
                        facts.put("autovacuum", "false".equals(rs.getString(10)) ? "disabled"
                                : "true".equals(rs.getString(10)) ? "enabled" : "as the server is set");
                        return Problem.of(PostgresCode.PG_302, new Resource("Table", rs.getString(1), rs.getString(2)), facts);
                    }, t.staleVacuum().toSeconds(), t.staleVacuum().toSeconds(), t.deadTuples())
                    .stream().filter(java.util.Objects::nonNull).toList();
        });
    }

    private static String when(java.sql.Timestamp timestamp) {
        return timestamp == null ? "never" : timestamp.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
