package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A replica (role:slave) whose link to its master is down. */
@Component
public class RedisReplicationCheck extends RedisCheck {

    static final String ID = "redis.replication";

    public RedisReplicationCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisInfo info = snapshot.info();
        if (!"slave".equals(info.string("role").orElse(""))
                || !"down".equals(info.string("master_link_status").orElse(""))) {
            return List.of();
        }
        String host = info.string("master_host").orElse("unknown");
        String port = info.string("master_port").orElse("unknown");
        long downSince = info.number("master_link_down_since_seconds").orElse(-1L);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("master", host + ":" + port);
        facts.put("masterHost", host);
        facts.put("masterPort", port);
        facts.put("downFor", downSince < 0 ? "ever since the replica started"
                : Humanize.duration(Duration.ofSeconds(downSince)));
        facts.put("lastIo", info.string("master_last_io_seconds_ago").orElse("unknown"));
        return List.of(Problem.of(RedisCode.REDIS_109, resource(context), facts));
    }
}
