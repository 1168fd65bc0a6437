package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    List<Problem> inspect(CheckContext context, PostgresSnapshot snapshot) {
        PostgresProperties.Thresholds thresholds = postgresTargets.thresholds(context);
        PostgresSnapshot.Blocks blocks = snapshot.blocks().get(context);
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put(HITS, blocks.hits());
        counters.put(READS, blocks.reads());
        CounterWindow window = CounterWindow.of(context, SOURCE, blocks.origin(), counters);
        long hits = window.growth(HITS);
        long accesses = hits + window.growth(READS);
        double ratio = accesses == 0 ? 1 : (double) hits / accesses;
        if (accesses < thresholds.cacheHitMinBlocks() || ratio >= thresholds.cacheHitRatio()) {
            return List.of();
        }
        Map<String, Object> facts = facts(context, snapshot);
        facts.put("ratio", Humanize.percent(100 * ratio));
        facts.put("hits", hits);
        facts.put("accesses", accesses);
        facts.put("threshold", Humanize.percent(100 * thresholds.cacheHitRatio()));
        facts.put("minBlocks", thresholds.cacheHitMinBlocks());
        facts.put("window", window.description());
        return List.of(Problem.of(PostgresCode.PG_301, Sql.database(snapshot.database()), facts));
    }
}
