package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class RedisFragmentationCheckTest {

    @Test
    void memoryHeldBeyondTheDataAboveBothThresholdsIsRedis107() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start()) {
            // a server just started reports its RSS (and so the ratio) only after its first cron tick
            RedisInfo info = memory(redis);
            for (int i = 0; i < 50 && info.decimal("mem_fragmentation_ratio").isEmpty(); i++) {
                Thread.sleep(50);
                info = memory(redis);
            }
            long wasted = info.count("used_memory_rss") - info.count("used_memory");
            assertThat(info.decimal("mem_fragmentation_ratio").orElseThrow()).isGreaterThan(1.4);
            RedisFragmentationCheck check = new RedisFragmentationCheck(redis.targets(RedisFixtures.settings(
                    "thresholds.fragmentation-bytes", String.valueOf(wasted / 2))));

            assertThat(RedisFixtures.run(check)).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("REDIS-107");
                assertThat(f.severity()).isEqualTo(Severity.P3);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).matches("Redis cache memory fragmentation ratio is \\d+\\.\\d\\d");
                assertThat(f.evidence()).containsEntry("threshold", "1.40").containsKeys("rss", "used", "wasted");
                assertThat(f.remediation()).contains(redis.cli() + " memory doctor")
                        .contains(redis.cli() + " config set activedefrag yes");
            });

            // the same instance with fewer bytes wasted than the threshold: a small process, not fragmentation
            RedisFragmentationCheck lenient = new RedisFragmentationCheck(redis.targets(RedisFixtures.settings(
                    "thresholds.fragmentation-bytes", String.valueOf(wasted * 4))));
            assertThat(RedisFixtures.run(lenient)).isEmpty();
        }
    }

    private static RedisInfo memory(RedisFixtures redis) {
        try (Jedis jedis = redis.client()) {
            return RedisInfo.parse(jedis.info("memory"));
        }
    }
}
