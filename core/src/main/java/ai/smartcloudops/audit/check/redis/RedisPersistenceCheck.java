package ai.smartcloudops.audit.check.redis;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * RDB snapshots: the last background save failed (P1: with the default stop-writes-on-bgsave-error Redis also
 * refuses writes), or, where RDB is enabled (CONFIG GET save not empty), there are unsaved changes and no
 * successful save for longer than rdbMaxAge (P2).
 */
@Component
public class RedisPersistenceCheck extends RedisCheck {

    static final String ID = "redis.persistence";

    public RedisPersistenceCheck(RedisTargets redisTargets) {
        super(ID, redisTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, RedisSnapshot snapshot) {
        RedisInfo info = snapshot.info();
        String status = info.string("rdb_last_bgsave_status").orElse("ok");
        Optional<String> save = config(context, snapshot, "save");
        Instant lastSave = Instant.ofEpochSecond(info.count("rdb_last_save_time"));
        Duration age = Duration.between(lastSave, context.now());
        long changes = info.count("rdb_changes_since_last_save");
        Duration maxAge = redisTargets.thresholds(context).rdbMaxAge();
        String grade;
        String problem;
        if (!"ok".equalsIgnoreCase(status)) {
            grade = Grade.DEFAULT;
            problem = "failed its last RDB snapshot";
        } else if (save.filter(s -> !s.isBlank()).isPresent() && changes > 0 && age.compareTo(maxAge) > 0) {
            grade = RedisCode.SNAPSHOT_STALE;
            problem = "has not saved an RDB snapshot for " + Humanize.duration(age);
        } else {
            return List.of();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("problem", problem);
        facts.put("status", status);
        facts.put("lastSave", lastSave);
        facts.put("age", Humanize.duration(age));
        facts.put("changes", changes);
        facts.put("save", save.orElse("unknown"));
        facts.put("maxAge", Humanize.duration(maxAge));
        return List.of(Problem.graded(RedisCode.REDIS_108, grade, resource(context), facts));
    }
}
