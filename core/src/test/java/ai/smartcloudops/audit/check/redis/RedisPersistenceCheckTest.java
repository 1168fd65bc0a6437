package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class RedisPersistenceCheckTest {

    @TempDir
    Path tmp;

    @Test
    void aFailedBackgroundSaveIsRedis108AtP1() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("save 3600 1")) {
            Path dir = Files.createDirectory(tmp.resolve("rdb"));
            try (Jedis jedis = redis.client()) {
                jedis.configSet("dir", dir.toString());
                Files.delete(dir);                    // the snapshot cannot be written
                jedis.set("k", "v");
                jedis.bgsave();
                for (int i = 0; i < 100 && !"err".equals(RedisInfo.parse(jedis.info("persistence"))
                        .string("rdb_last_bgsave_status").orElse("")); i++) {
                    Thread.sleep(20);
                }
            }

            assertThat(RedisFixtures.run(new RedisPersistenceCheck(redis.targets()))).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("REDIS-108");
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).isEqualTo("Redis cache failed its last RDB snapshot");
                assertThat(f.evidence()).containsEntry("status", "err").containsEntry("save", "3600 1")
                        .containsEntry("changes", "1");
                assertThat(f.remediation()).contains(redis.cli() + " info persistence").contains(redis.cli() + " bgsave")
                        .contains("aws elasticache describe-snapshots --cache-cluster-id cache");
            });
        }
    }

    @Test
    void unsavedChangesOlderThanRdbMaxAgeAreP2WhenRdbIsEnabled() throws Exception {
        try (RedisFixtures enabled = RedisFixtures.start("save 3600 1");
             RedisFixtures disabled = RedisFixtures.start()) {
            for (RedisFixtures redis : new RedisFixtures[] {enabled, disabled}) {
                try (Jedis jedis = redis.client()) {
                    jedis.set("k", "v");
                }
            }
            Instant later = Instant.now().plus(Duration.ofDays(3));

            RedisPersistenceCheck check = new RedisPersistenceCheck(enabled.targets());
            assertThat(RedisFixtures.context(check, later, Samples.none()).findings(check)).singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.title()).isEqualTo("Redis cache has not saved an RDB snapshot for 3d");
                        assertThat(f.evidence()).containsEntry("status", "ok").containsEntry("maxAge", "2d");
                    });
            // within rdbMaxAge, or with RDB off: nothing to say
            assertThat(RedisFixtures.context(check, Instant.now(), Samples.none()).findings(check)).isEmpty();
            RedisPersistenceCheck off = new RedisPersistenceCheck(disabled.targets());
            assertThat(off.run(RedisFixtures.context(off, later, Samples.none()))).isEmpty();
        }
    }
}
