package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.finding.Resource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.exceptions.JedisAccessControlException;

/**
 * A Redis check inspects the instance's {@link RedisSnapshot}, read once per run for every Redis check, and says
 * what problems it sees; it reads nothing itself. A command the audit's ACL user may not run (NOPERM) leaves the
 * checks that need its answer partial, with one AUDIT-904 naming the command.
 */
abstract class RedisCheck extends AreaCheck {

    static final String KIND = "Redis";
    /** The command a NOPERM names: {@code 'slowlog' command} (6.2) or {@code 'config|get' command} (7). */
    private static final Pattern REFUSED = Pattern.compile("'([^']+)' command");

    protected final RedisTargets redisTargets;

    protected RedisCheck(String id, RedisTargets redisTargets) {
        super(id, RedisCode.class, redisTargets::targets);
        this.redisTargets = redisTargets;
    }

    /** What the check finds in the instance's snapshot. */
    abstract List<Problem> inspect(CheckContext context, RedisSnapshot snapshot);

    /** Its findings' remediation reaches the instance as the audit does (host, port, TLS, user). */
    @Override
    public final List<Problem> run(CheckContext context) {
        RedisSnapshot snapshot = context.shared(SharedKey.of("redis.snapshot", RedisSnapshot.class), () -> redisTargets.withJedis(context, jedis -> {
            try {
                return RedisSnapshot.read(jedis, e -> denied(context, e));
            } catch (JedisAccessControlException e) {
                throw new NotPermittedException(denied(context, e));
            }
        }));
        Map<String, Object> instance = redisTargets.instance(context).commandValues();
        return inspect(context, snapshot).stream().map(problem -> problem.withValues(instance)).toList();
    }

    /** maxmemory-policy as INFO shows it (Redis 6+), else as CONFIG GET does; empty when neither says. */
    static Optional<String> policy(CheckContext context, RedisSnapshot snapshot) {
        return snapshot.info().string("maxmemory_policy").or(() -> config(context, snapshot, "maxmemory-policy"));
    }

    /**
     * A CONFIG GET value; empty when CONFIG is refused or unknown. ElastiCache renames or disables CONFIG, which
     * hides nothing the audit could be given; an ACL that denies it is a gap of the check, which goes on without it.
     */
    static Optional<String> config(CheckContext context, RedisSnapshot snapshot, String name) {
        Optional.ofNullable(snapshot.refused().get(name)).ifPresent(context::partial);
        return Optional.ofNullable(snapshot.config().get(name));
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
