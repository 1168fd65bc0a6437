package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Large indexes never scanned since the statistics were reset; unique, primary-key and exclusion ones excepted. */
@Component
public class UnusedIndexesCheck extends PostgresCheck {

    static final String ID = "postgres.unused-indexes";

    public UnusedIndexesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        postgresTargets.skipOnStandby(context, "unused indexes (PG-305)");
        long minBytes = postgresTargets.thresholds(context).unusedIndexBytes();
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            String since = Sql.one(c, """
                    SELECT coalesce(to_char(stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
                                    'the database was created')
                    FROM pg_stat_database WHERE datname = current_database()""", rs -> rs.getString(1));
            return Sql.list(c, """
                    SELECT s.schemaname, s.indexrelname, quote_ident(s.schemaname) || '.' || quote_ident(s.indexrelname),
                           s.relid::regclass::text, pg_relation_size(s.indexrelid), pg_get_indexdef(s.indexrelid)
                    FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
                    WHERE s.idx_scan = 0 AND i.indisvalid AND NOT i.indisunique AND NOT i.indisprimary
                      AND NOT i.indisexclusion AND pg_relation_size(s.indexrelid) >= ?
                    ORDER BY pg_relation_size(s.indexrelid) DESC, 1, 2""", rs -> {
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("database", database);
                        facts.put("psql", postgresTargets.psql(context));
                        facts.put("qualified", rs.getString(3));
                        facts.put("table", rs.getString(4));
                        facts.put("size", Humanize.bytes(rs.getLong(5)));
                        facts.put("since", since);
                        facts.put("definition", rs.getString(6));
                        return Problem.of(PostgresCode.PG_305, new Resource("Index", rs.getString(1), rs.getString(2)), facts);
                    }, minBytes);
        });
    }
}
