package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * mem_fragmentation_ratio above the threshold with enough memory wasted to matter: a small instance always shows a
 * high ratio (the process's own footprint), so the bytes held beyond the data must also pass a threshold.
 */
@Component
public class RedisFragmentationCheck extends RedisCheck {

    static final String ID = "redis.fragmentation";

    public RedisFragmentationCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisInfo info = snapshot.info();
        RedisProperties.Thresholds thresholds = redisTargets.thresholds(context);
        double ratio = info.decimal("mem_fragmentation_ratio").orElse(0.0);
        long used = info.count("used_memory");
        long rss = info.count("used_memory_rss");
        long wasted = rss - used;
        if (ratio <= thresholds.fragmentationRatio() || wasted <= thresholds.fragmentationBytes()) {
            return List.of();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ratio", String.format(Locale.ROOT, "%.2f", ratio));
        facts.put("rss", info.human("used_memory_rss"));
        facts.put("used", info.human("used_memory"));
        facts.put("wasted", Humanize.bytes(wasted));
        facts.put("threshold", String.format(Locale.ROOT, "%.2f", thresholds.fragmentationRatio()));
        return List.of(Problem.of(RedisCode.REDIS_107, resource(context), facts));
    }
}
