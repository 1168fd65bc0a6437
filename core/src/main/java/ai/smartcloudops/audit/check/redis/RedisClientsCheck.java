package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CounterWindow;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Client connections: refused connections since the previous sample (REDIS-105), and connected clients close to
 * maxclients (REDIS-106). maxclients comes from INFO (Redis 6.2+), else CONFIG GET.
 */
@Component
public class RedisClientsCheck extends RedisCheck {

    static final String ID = "redis.clients";
    static final String REJECTED = "rejected_connections";

    public RedisClientsCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisInfo info = snapshot.info();
        CounterWindow window = info.window(context, List.of(REJECTED));
        long connected = info.count("connected_clients");
        Optional<Long> maxclients = info.number("maxclients").or(() -> config(context, snapshot, "maxclients")
                .flatMap(v -> {
                    try {
                        return Optional.of(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }));
        String max = maxclients.map(String::valueOf).orElse("unknown");
        List<Problem> findings = new ArrayList<>();
        long rejected = window.growth(REJECTED);
        if (rejected > 0) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("rejected", rejected);
            facts.put("window", window.description());
            facts.put("connected", connected);
            facts.put("maxclients", max);
            findings.add(Problem.of(RedisCode.REDIS_105, resource(context), facts));
        }
        int threshold = redisTargets.thresholds(context).clientsPercent();
        if (maxclients.isPresent() && maxclients.get() > 0 && connected * 100 >= threshold * maxclients.get()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("connected", connected);
            facts.put("maxclients", max);
            facts.put("percent", Humanize.percent(100.0 * connected / maxclients.get()));
            facts.put("threshold", threshold + "%");
            findings.add(Problem.of(RedisCode.REDIS_106, resource(context), facts));
        }
        return findings;
    }
}
