package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class RedisSlowlogCheckTest {

    @Test
    void aLongSlowLogIsRedis110NamingCommandsButNeverTheirArguments() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start()) {
            long entries;
            try (Jedis jedis = redis.client()) {
                jedis.configSet("slowlog-log-slower-than", "0");
                for (int i = 0; i < 12; i++) {
                    jedis.set("session:secret-key-" + i, "secret-value-" + i);
                }
                jedis.configSet("slowlog-log-slower-than", "10000");   // the check's own commands stay out
                entries = jedis.slowlogLen();
            }
            assertThat(entries).isGreaterThanOrEqualTo(12);

            assertThat(RedisFixtures.run(new RedisSlowlogCheck(redis.targets()))).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("REDIS-110");
                assertThat(f.severity()).isEqualTo(Severity.P3);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).isEqualTo("Redis cache has " + entries + " entries in its slow log");
                assertThat(f.evidence().get("slowest")).matches("[A-Z]+ \\d+(µs|(\\.\\d)?ms)(, [A-Z]+ \\d+(µs|(\\.\\d)?ms)){2}");
                assertThat(f.evidence()).containsEntry("threshold", "10");
                assertThat(String.join(" ", f.evidence().values()) + f.title() + f.detail())
                        .doesNotContain("secret");
                assertThat(f.remediation()).contains(redis.cli() + " slowlog get 10")
                        .contains(redis.cli() + " config get slowlog-log-slower-than");
            });
        }
    }

    @Test
    void aShortSlowLogIsNoFinding() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start()) {
            try (Jedis jedis = redis.client()) {
                jedis.configSet("slowlog-log-slower-than", "0");
                jedis.set("a", "1");
                jedis.configSet("slowlog-log-slower-than", "10000");
                assertThat(jedis.slowlogLen()).isBetween(1L, 9L);
            }
            assertThat(RedisFixtures.run(new RedisSlowlogCheck(redis.targets()))).isEmpty();
        }
    }
}
