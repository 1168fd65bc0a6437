package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * maxmemory-policy against the one the guide expects (allkeys-lru). {@code noeviction} on a cache with a limit
 * is P1: once full, every write fails with OOM. Another policy is P3. Without a limit the policy never applies.
 */
@Component
public class RedisEvictionPolicyCheck extends RedisCheck {

    static final String ID = "redis.eviction-policy";
    static final String NOEVICTION = "noeviction";

    public RedisEvictionPolicyCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisInfo info = snapshot.info();
        long max = info.count("maxmemory");
        String expected = redisTargets.thresholds(context).expectedPolicy();
        String policy = policy(context, snapshot).orElse(null);
        if (max <= 0 || policy == null || policy.equalsIgnoreCase(expected)) {
            return List.of();
        }
        boolean noEviction = NOEVICTION.equalsIgnoreCase(policy);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("policy", policy);
        facts.put("expected", expected);
        facts.put("max", info.human("maxmemory"));
        facts.put("consequence", noEviction
                ? "When memory is full Redis evicts nothing and refuses every write with OOM errors"
                : "When memory is full Redis evicts keys by " + policy + " rather than " + expected);
        return List.of(Problem.graded(RedisCode.REDIS_103, noEviction ? Grade.DEFAULT : RedisCode.OTHER_EVICTION,
                resource(context), facts));
    }
}
