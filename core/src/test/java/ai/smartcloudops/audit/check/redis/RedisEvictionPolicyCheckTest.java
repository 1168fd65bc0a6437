package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;

class RedisEvictionPolicyCheckTest {

    @Test
    void noevictionWithALimitIsRedis103AtP1WithTheGuidesCommands() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy noeviction")) {
            assertThat(RedisFixtures.run(new RedisEvictionPolicyCheck(redis.targets()))).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("REDIS-103");
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).isEqualTo("Redis cache maxmemory-policy is noeviction, not allkeys-lru");
                assertThat(f.detail()).isEqualTo("When memory is full Redis evicts nothing and refuses every write "
                        + "with OOM errors (maxmemory 2 MiB).");
                assertThat(f.remediation()).contains(redis.cli() + " config set maxmemory-policy allkeys-lru")
                        .contains("aws elasticache modify-cache-parameter-group --cache-parameter-group-name "
                                + "$PARAMETER_GROUP")
                        .contains("--parameter-name-values ParameterName=maxmemory-policy,ParameterValue=allkeys-lru")
                        .contains("aws elasticache describe-cache-clusters --cache-cluster-id cache");
            });
        }
    }

    @Test
    void anotherEvictingPolicyIsP3() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy volatile-lru")) {
            assertThat(RedisFixtures.run(new RedisEvictionPolicyCheck(redis.targets()))).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.P3);
                assertThat(f.title()).isEqualTo("Redis cache maxmemory-policy is volatile-lru, not allkeys-lru");
            });
        }
    }

    @Test
    void theExpectedPolicyOrNoLimitIsNoFinding() throws Exception {
        try (RedisFixtures lru = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy allkeys-lru");
             RedisFixtures queue = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy noeviction");
             RedisFixtures unlimited = RedisFixtures.start("maxmemory-policy noeviction")) {
            assertThat(RedisFixtures.run(new RedisEvictionPolicyCheck(lru.targets()))).isEmpty();
            // an instance that must not evict (a queue) says so in its thresholds
            assertThat(RedisFixtures.run(new RedisEvictionPolicyCheck(queue.targets(
                    RedisFixtures.settings("instances[0].thresholds.expected-policy", "noeviction"))))).isEmpty();
            assertThat(RedisFixtures.run(new RedisEvictionPolicyCheck(unlimited.targets()))).isEmpty();
        }
    }
}
