package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import redis.clients.jedis.resps.Slowlog;

/**
 * SLOWLOG LEN at or above the threshold. The evidence names the slowest recent commands and their durations,
 * never their arguments: keys and values are the application's data.
 */
@Component
public class RedisSlowlogCheck extends RedisCheck {

    static final String ID = "redis.slowlog";
    static final int SHOWN = 3;

    public RedisSlowlogCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisSnapshot.SlowLog slowLog = snapshot.slowLog().orElseThrow(() -> snapshot.failure() != null
                ? new IllegalStateException(snapshot.failure())
                : new NotPermittedException(snapshot.refused().get(RedisSnapshot.SLOWLOG)));
        long entries = slowLog.length();
        long threshold = redisTargets.thresholds(context).slowlogEntries();
        if (entries < threshold) {
            return List.of();
        }
        String slowest = slowLog.recent().stream()
                .sorted(Comparator.comparingLong(Slowlog::getExecutionTime).reversed())
                .limit(SHOWN)
                .map(e -> command(e) + " " + Humanize.millis(e.getExecutionTime() / 1000.0))
                .collect(Collectors.joining(", "));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("entries", entries);
        facts.put("threshold", threshold);
        facts.put("slowest", slowest.isEmpty() ? "none listed" : slowest);
        return List.of(Problem.of(RedisCode.REDIS_110, resource(context), facts));
    }

    /** The command's name only (its first word); arguments may hold keys and values. */
    static String command(Slowlog entry) {
        List<String> args = entry.getArgs();
        if (args == null || args.isEmpty() || args.get(0) == null) {
            return "?";
        }
        String name = args.get(0).toUpperCase(Locale.ROOT);
        return name.matches("[A-Z_.|-]{1,32}") ? name : "?";
    }
}
