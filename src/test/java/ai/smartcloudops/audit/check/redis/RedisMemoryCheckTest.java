package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisMemoryCheckTest {

    /** Writes 10 KB values until the server refuses a write with OOM; returns how many it took. */
    static int fillUntilOom(RedisFixtures redis) {
        String value = "x".repeat(10_000);
        try (Jedis jedis = redis.client()) {
            for (int i = 0; i < 10_000; i++) {
                try {
                    jedis.set("fill:" + i, value);
                } catch (JedisDataException e) {
                    assertThat(e.getMessage()).startsWith("OOM");
                    return i;
                }
            }
        }
        throw new AssertionError("the server never refused a write");
    }

    @Test
    void fullInstanceWithNoevictionIsRedis102AtP1() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy noeviction")) {
            assertThat(fillUntilOom(redis)).isPositive();
            try (Jedis jedis = redis.client()) {
                assertThat(RedisInfo.parse(jedis.info()).count("errorstat_OOM")).isEqualTo(1);
            }

            assertThat(RedisFixtures.run(new RedisMemoryCheck(redis.targets()))).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("REDIS-102");
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).matches("Redis cache memory is at 99\\.\\d% of maxmemory");
                assertThat(f.detail()).contains("maxmemory-policy noeviction; 1 writes refused with OOM since the "
                        + "server started at ");
                assertThat(f.evidence()).containsEntry("max", "2.00M").containsEntry("policy", "noeviction")
                        .containsEntry("warnAt", "90%").containsEntry("criticalAt", "100%")
                        .containsKeys("used", "percent");
                assertThat(f.remediation()).contains(redis.cli() + " info memory")
                        .contains("aws elasticache describe-cache-clusters --cache-cluster-id cache")
                        .contains("--cache-node-type cache.r6g.large");
            });
        }
    }

    @Test
    void aboveTheWarningWithoutRefusedWritesInTheWindowIsP2AndAtCriticalP1() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy noeviction")) {
            fillUntilOom(redis);
            RedisMemoryCheck check = new RedisMemoryCheck(redis.targets());
            java.time.Instant first = java.time.Instant.now();
            ai.smartcloudops.audit.check.Samples run1 = ai.smartcloudops.audit.check.Samples.none();
            assertThat(check.run(RedisFixtures.context(check, first, run1))).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.P1));

            // no write refused since run 1: still full, but at the warning level
            assertThat(check.run(RedisFixtures.context(check, java.time.Instant.now(),
                    RedisFixtures.after(run1, first)))).singleElement().satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.P2);
                        assertThat(f.evidence()).containsEntry("refused", "0")
                                .containsEntry("window", "since the previous run at " + first);
                    });

            RedisMemoryCheck strict = new RedisMemoryCheck(redis.targets(
                    RedisFixtures.settings("instances[0].thresholds.memory-critical-percent", "95")));
            assertThat(strict.run(RedisFixtures.context(strict, java.time.Instant.now(),
                    RedisFixtures.after(run1, first)))).singleElement().satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.P1);
                        assertThat(f.evidence()).containsEntry("criticalAt", "95%");
                    });
        }
    }

    @Test
    void belowTheWarningOrWithoutALimitIsNoFinding() throws Exception {
        try (RedisFixtures limited = RedisFixtures.start("maxmemory 64mb");
             RedisFixtures unlimited = RedisFixtures.start()) {
            assertThat(RedisFixtures.run(new RedisMemoryCheck(limited.targets()))).isEmpty();
            assertThat(RedisFixtures.run(new RedisMemoryCheck(unlimited.targets()))).isEmpty();
        }
    }
}
