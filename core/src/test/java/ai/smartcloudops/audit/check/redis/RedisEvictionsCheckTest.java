package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class RedisEvictionsCheckTest {

    private static long fill(RedisFixtures redis, int keys) {
        String value = "x".repeat(10_000);
        try (Jedis jedis = redis.client()) {
            for (int i = 0; i < keys; i++) {
                jedis.set("fill:" + i + ":" + System.nanoTime(), value);
            }
            return RedisInfo.parse(jedis.info("stats")).count("evicted_keys");
        }
    }

    @Test
    void evictionsSinceThePreviousRunAreRedis104AndAQuietWindowIsNot() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy allkeys-lru")) {
            RedisEvictionsCheck check = new RedisEvictionsCheck(redis.targets());
            long before = fill(redis, 400);
            assertThat(before).isPositive();
            Instant first = Instant.now();
            Samples run1 = Samples.none();
            assertThat(RedisFixtures.context(check, first, run1).findings(check)).singleElement()
                    .satisfies(f -> assertThat(f.evidence().get("window")).startsWith("since the server started at "));

            long after = fill(redis, 200);
            Samples run2 = SampleHistory.after(run1, first);
            Instant second = Instant.now();
            assertThat(RedisFixtures.context(check, second, run2).findings(check)).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("REDIS-104");
                assertThat(f.severity()).isEqualTo(Severity.P2);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).isEqualTo("Redis cache evicted " + (after - before)
                        + " keys since the previous run at " + first);
                assertThat(f.evidence()).containsEntry("policy", "allkeys-lru").containsEntry("max", "2 MiB");
                assertThat(f.remediation()).contains(redis.cli() + " info stats | grep -E 'evicted_keys|keyspace'")
                        .contains("--cache-node-type cache.r6g.large");
            });

            // nothing written since run 2: no new evictions
            assertThat(RedisFixtures.context(check, Instant.now(), SampleHistory.after(run2, second)).findings(check))
                    .isEmpty();
        }
    }
}
