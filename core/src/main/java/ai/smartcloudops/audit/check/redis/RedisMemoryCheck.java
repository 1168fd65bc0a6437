package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Ladder;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * used_memory against maxmemory, and the writes Redis refused at that limit. REDIS-102, the guide's "Redis memory
 * usage at 100%", is graded on the percentage alone (P2 from the warning, P1 from the critical percentage, held
 * within {@value #MARGIN_PERCENT} points of an edge), and only where the policy evicts nothing: an instance whose
 * policy evicts (allkeys-*, volatile-*) rests at its limit by design, and what matters there is what it evicts
 * (REDIS-104) and any write it refuses. REDIS-111 is a write refused with OOM since the previous sample, whatever
 * the policy (a volatile-* instance with no key left that has a TTL refuses writes like noeviction). No limit
 * (maxmemory 0), no finding.
 */
@Component
public class RedisMemoryCheck extends RedisCheck {

    static final String ID = "redis.memory";
    static final String OOM = "errorstat_OOM";
    /** How many percentage points back from an edge used memory must go before REDIS-102 eases. */
    static final double MARGIN_PERCENT = 2;

    public RedisMemoryCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisInfo info = snapshot.info();
        CounterWindow window = info.window(context, List.of(OOM));
        long max = info.count("maxmemory");
        if (max <= 0) {
            return List.of();
        }
        String policy = policy(context, snapshot).orElse("unknown");
        Resource resource = resource(context);
        List<Problem> findings = new ArrayList<>();
        if (!evicts(policy)) {
            double percent = 100.0 * info.count("used_memory") / max;
            RedisProperties.Thresholds thresholds = redisTargets.thresholds(context);
            Ladder ladder = Ladder.rising(MARGIN_PERCENT,
                    new Ladder.Band(thresholds.memoryWarnPercent(), Grade.DEFAULT),
                    new Ladder.Band(thresholds.memoryCriticalPercent(), RedisCode.MEMORY_CRITICAL));
            context.grade(RedisCode.REDIS_102, resource, ladder, percent).ifPresent(grade -> {
                Map<String, Object> facts = memory(info, policy);
                facts.put("percent", Humanize.percent(percent));
                facts.put("warnAt", thresholds.memoryWarnPercent() + "%");
                facts.put("criticalAt", thresholds.memoryCriticalPercent() + "%");
                findings.add(Problem.graded(RedisCode.REDIS_102, grade, resource, facts));
            });
        }
        long refused = window.growth(OOM);
        if (refused > 0) {
            Map<String, Object> facts = memory(info, policy);
            facts.put("refused", refused);
            facts.put("window", window.description());
            findings.add(Problem.of(RedisCode.REDIS_111, resource, facts));
        }
        return findings;
    }

    /** allkeys-lru, volatile-ttl, …: Redis makes room at the limit instead of refusing writes. */
    static boolean evicts(String policy) {
        String lower = policy.toLowerCase(Locale.ROOT);
        return lower.startsWith("allkeys-") || lower.startsWith("volatile-");
    }

    private static Map<String, Object> memory(RedisInfo info, String policy) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("used", info.human("used_memory"));
        facts.put("max", info.human("maxmemory"));
        facts.put("policy", policy);
        return facts;
    }
}
