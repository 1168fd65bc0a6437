package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import java.util.List;
import redis.clients.jedis.Jedis;

/** A Redis check reads INFO once on its own connection to the instance and inspects it. */
abstract class RedisCheck extends AreaCheck {

    static final String KIND = "Redis";

    protected final RedisTargets redisTargets;

    protected RedisCheck(String id, RedisTargets redisTargets) {
        super(id, Area.REDIS, redisTargets::targets);
        this.redisTargets = redisTargets;
    }

    /** What the check finds in the instance's INFO; {@code jedis} is open for CONFIG GET or SLOWLOG. */
    abstract List<Finding> inspect(CheckContext context, RedisInfo info, Jedis jedis);

    /** Its findings' remediation reaches the instance as the audit does (host, port, TLS, user). */
    @Override
    public final List<Finding> run(CheckContext context) {
        CheckContext instance = context.withValues(redisTargets.instance(context).commandValues());
        return redisTargets.withJedis(context, jedis -> inspect(instance, RedisInfo.read(jedis), jedis));
    }

    /** The instance as a whole: one finding per code and instance. */
    static Resource resource(CheckContext context) {
        return new Resource(KIND, null, context.target().name());
    }
}
