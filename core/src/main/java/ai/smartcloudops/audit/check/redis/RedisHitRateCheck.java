package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The guide's hit rate, keyspace_hits / (hits + misses), over the window since the previous sample rather than
 * since the server started: a cache that was good for a month and bad since yesterday shows as bad.
 */
@Component
public class RedisHitRateCheck extends RedisCheck {

    static final String ID = "redis.hit-rate";
    /** Fewer lookups than this in the window say nothing about the cache. */
    static final long MIN_LOOKUPS = 100;
    static final String HITS = "keyspace_hits";
    static final String MISSES = "keyspace_misses";

    public RedisHitRateCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisInfo info = snapshot.info();
        CounterWindow window = info.window(context, List.of(HITS, MISSES));
        long hits = window.growth(HITS);
        long misses = window.growth(MISSES);
        if (hits + misses < MIN_LOOKUPS) {
            return List.of();
        }
        double rate = (double) hits / (hits + misses);
        double threshold = redisTargets.thresholds(context).hitRate();
        if (rate >= threshold) {
            return List.of();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hits", hits);
        facts.put("misses", misses);
        facts.put("rate", Humanize.percent(100 * rate));
        facts.put("threshold", Humanize.percent(100 * threshold));
        facts.put("window", window.description());
        return List.of(Problem.of(RedisCode.REDIS_101, resource(context), facts));
    }
}
