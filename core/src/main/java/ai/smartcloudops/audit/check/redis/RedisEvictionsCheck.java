package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** evicted_keys grew since the previous sample (or since the server started, if never sampled): the cache is full. */
@Component
public class RedisEvictionsCheck extends RedisCheck {

    static final String ID = "redis.evictions";
    static final String EVICTED = "evicted_keys";

    public RedisEvictionsCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisInfo info = snapshot.info();
        CounterWindow window = info.window(context, List.of(EVICTED));
        long evicted = window.growth(EVICTED);
        if (evicted <= 0) {
            return List.of();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("evicted", evicted);
        facts.put("window", window.description());
        facts.put("policy", policy(context, snapshot).orElse("unknown"));
        facts.put("used", info.human("used_memory"));
        facts.put("max", info.human("maxmemory"));
        return List.of(Problem.of(RedisCode.REDIS_104, resource(context), facts));
    }
}
