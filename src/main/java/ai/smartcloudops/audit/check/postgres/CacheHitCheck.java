package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Blocks of the database found in shared buffers over all blocks it read, in the window since the previous sample
 * of its statistics (whichever job took it), and judged only past {@code cache-hit-min-blocks} block reads in that
 * window: a quiet replica's few reads, or a month-old history, say nothing about the cache now. The statistics
 * count from the server's system identifier, the database's oid and its statistics reset; when one of them changed
 * (a new server, the database recreated, pg_stat_reset) the window is since then.
 */
@Component
public class CacheHitCheck extends PostgresCheck {

    static final String ID = "postgres.cache-hit";
    static final String SOURCE = "postgres.database";
    static final String HITS = "blks_hit";
    static final String READS = "blks_read";

    public CacheHitCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        return postgresTargets.withConnection(context, c -> Sql.list(c, """
                SELECT d.datname, d.blks_hit, d.blks_read, d.datid, s.system_identifier, d.stats_reset,
                       coalesce('the statistics were reset at '
                                || to_char(d.stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
                                'the database was created')
                FROM pg_stat_database d, pg_control_system() s WHERE d.datname = current_database()""", rs -> {
                    CounterWindow.Origin origin = new CounterWindow.Origin(Objects.hash(rs.getLong(5), rs.getLong(4),
                            rs.getTimestamp(6)), 0, rs.getString(7));
                    Map<String, Long> counters = new LinkedHashMap<>();
                    counters.put(HITS, rs.getLong(2));
                    counters.put(READS, rs.getLong(3));
                    CounterWindow window = CounterWindow.of(context, SOURCE, origin, counters);
                    long hits = window.growth(HITS);
                    long accesses = hits + window.growth(READS);
                    double ratio = accesses == 0 ? 1 : (double) hits / accesses;
                    if (accesses < thresholds.cacheHitMinBlocks() || ratio >= thresholds.cacheHitRatio()) {
                        return null;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("database", rs.getString(1));
                    facts.put("psql", postgresTargets.psql(context));
                    facts.put("ratio", Humanize.percent(100 * ratio));
                    facts.put("hits", hits);
                    facts.put("accesses", accesses);
                    facts.put("threshold", Humanize.percent(100 * thresholds.cacheHitRatio()));
                    facts.put("minBlocks", thresholds.cacheHitMinBlocks());
                    facts.put("window", window.description());
                    return Problem.of(PostgresCode.PG_301, Sql.database(rs.getString(1)), facts);
                }).stream().filter(Objects::nonNull).toList());
    }
}
