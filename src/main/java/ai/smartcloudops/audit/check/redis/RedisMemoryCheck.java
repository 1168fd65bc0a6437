package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import redis.clients.jedis.Jedis;

/**
 * used_memory against maxmemory: the guide's "Redis memory usage at 100%". P1 at the critical percentage, or above
 * the warning when Redis refused writes with OOM in the window since the previous run (a full noeviction instance
 * rests just under its limit, e.g. 99.7%, while it refuses every write). No limit (maxmemory 0), no finding.
 */
@Component
public class RedisMemoryCheck extends RedisCheck {

    static final String ID = "redis.memory";
    static final String OOM = "errorstat_OOM";

    public RedisMemoryCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Finding> inspect(CheckContext context, RedisInfo info, Jedis jedis) {
        RedisInfo.Window window = RedisInfo.Window.of(context, info, List.of(OOM));
        long max = info.count("maxmemory");
        if (max <= 0) {
            return List.of();
        }
        long refused = window.growth(OOM);
        long used = info.count("used_memory");
        double percent = 100.0 * used / max;
        RedisProperties.Thresholds thresholds = redisTargets.thresholds(context);
        Severity severity;
        if (percent >= thresholds.memoryCriticalPercent()
                || (percent >= thresholds.memoryWarnPercent() && refused > 0)) {
            severity = Severity.P1;
        } else if (percent >= thresholds.memoryWarnPercent()) {
            severity = RedisCode.REDIS_102.severity();
        } else {
            return List.of();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("used", info.human("used_memory"));
        facts.put("max", info.human("maxmemory"));
        facts.put("percent", RedisInfo.percent(percent / 100));
        facts.put("policy", info.string("maxmemory_policy").orElse("unknown"));
        facts.put("refused", refused);
        facts.put("window", window.description());
        facts.put("warnAt", thresholds.memoryWarnPercent() + "%");
        facts.put("criticalAt", thresholds.memoryCriticalPercent() + "%");
        return List.of(context.finding(RedisCode.REDIS_102, severity, resource(context), facts));
    }
}
