package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A Redis check reads INFO once on its own connection to the instance and inspects it. A command the audit's ACL
 * user may not run (NOPERM) leaves the check partial, with one AUDIT-904 naming the command.
 */
abstract class RedisCheck extends AreaCheck {

    static final String KIND = "Redis";
    /** The command a NOPERM names: {@code 'slowlog' command} (6.2) or {@code 'config|get' command} (7). */
    private static final Pattern REFUSED = Pattern.compile("'([^']+)' command");

    protected final RedisTargets redisTargets;

    protected RedisCheck(String id, RedisTargets redisTargets) {
        super(id, Area.REDIS, redisTargets::targets);
        this.redisTargets = redisTargets;
    }

    /** What the check finds in the instance's INFO; {@code jedis} is open for CONFIG GET or SLOWLOG. */
    abstract List<Finding> inspect(CheckContext context, RedisInfo info, Jedis jedis);

    /**
     * Its findings' remediation reaches the instance as the audit does (host, port, TLS, user); a command the ACL
     * refuses is a gap of the check.
     */
    @Override
    public final List<Finding> run(CheckContext context) {
        CheckContext instance = context.withValues(redisTargets.instance(context).commandValues());
        return redisTargets.withJedis(context, jedis -> {
            try {
                return inspect(instance, RedisInfo.read(jedis), jedis);
            } catch (JedisAccessControlException e) {
                throw new NotPermittedException(denied(context, e));
            }
        });
    }

    /** maxmemory-policy as INFO shows it (Redis 6+), else as CONFIG GET does; empty when neither says. */
    Optional<String> policy(CheckContext context, RedisInfo info, Jedis jedis) {
        return info.string("maxmemory_policy").or(() -> config(context, jedis, "maxmemory-policy"));
    }

    /**
     * A CONFIG GET value; empty when CONFIG is refused or unknown. ElastiCache renames or disables CONFIG, which
     * hides nothing the audit could be given; an ACL that denies it is a gap of the check, which goes on without it.
     */
    Optional<String> config(CheckContext context, Jedis jedis, String name) {
        try {
            Map<String, String> values = jedis.configGet(name);
            return Optional.ofNullable(values.get(name));
        } catch (JedisAccessControlException e) {
            context.partial(denied(context, e));
            return Optional.empty();
        } catch (JedisDataException e) {
            return Optional.empty();
        }
    }

    /** What a NOPERM hid: the command it names, and the ACL rule that would allow it to the audit's user. */
    private Gap denied(CheckContext context, JedisAccessControlException e) {
        Matcher m = REFUSED.matcher(String.valueOf(e.getMessage()));
        boolean named = m.find();
        // every command the audit runs, when the refusal does not say which (docs/operations.md lists them)
        String rule = named ? "+" + m.group(1) : "+info +slowlog +config|get";
        String user = redisTargets.instance(context).username();
        return new Gap("the answer to " + (named ? m.group(1).replace('|', ' ').toUpperCase(Locale.ROOT)
                : "a command") + " (" + e.getMessage() + ")", "ACL " + rule, "ACL SETUSER "
                + (user == null ? "default" : user) + " " + rule + " # on ElastiCache: add " + rule
                + " to the user's access string");
    }

    /** The instance as a whole: one finding per code and instance. */
    static Resource resource(CheckContext context) {
        return new Resource(KIND, null, context.target().name());
    }
}
