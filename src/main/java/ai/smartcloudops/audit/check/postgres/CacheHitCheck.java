package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Blocks of the database found in shared buffers over all blocks it read, since its statistics were reset. */
@Component
public class CacheHitCheck extends PostgresCheck {

    static final String ID = "postgres.cache-hit";
    /** Below this many block accesses the ratio says nothing yet. */
    static final long MIN_ACCESSES = 1000;

    public CacheHitCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        double threshold = postgresTargets.thresholds(context).cacheHitRatio();
        return postgresTargets.withConnection(context, c -> Sql.list(c, """
                SELECT datname, blks_hit, blks_read,
                       coalesce(to_char(stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), 'the database was created')
                FROM pg_stat_database WHERE datname = current_database()""", rs -> {
                    long hits = rs.getLong(2);
                    long accesses = hits + rs.getLong(3);
                    double ratio = accesses == 0 ? 1 : (double) hits / accesses;
                    if (accesses < MIN_ACCESSES || ratio >= threshold) {
                        return null;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("database", rs.getString(1));
                    facts.put("psql", postgresTargets.psql(context));
                    facts.put("ratio", Sql.percent(ratio));
                    facts.put("hits", hits);
                    facts.put("accesses", accesses);
                    facts.put("threshold", Sql.percent(threshold));
                    facts.put("since", rs.getString(4));
                    return context.finding(PostgresCode.PG_301, Sql.database(rs.getString(1)), facts);
                }).stream().filter(java.util.Objects::nonNull).toList());
    }
}
