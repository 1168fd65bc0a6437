package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /**
     * Writes 50 MB and sets maxmemory so that what the server uses now is about {@code percent} of it: enough data
     * that the clients' buffers (the audit's own connections among them) move the percentage by a tenth at most.
     */
    static void useAbout(RedisFixtures redis, double percent) {
        try (Jedis jedis = redis.client()) {
            if (jedis.dbSize() == 0) {
                jedis.configSet("maxmemory", "0");
                String value = "x".repeat(10_000);
                for (int i = 0; i < 5_000; i++) {
                    jedis.set("data:" + i, value);
                }
            }
        }
        try (Jedis jedis = redis.client()) {
            long used = RedisInfo.parse(jedis.info("memory")).count("used_memory");
            jedis.configSet("maxmemory", String.valueOf(Math.round(used * 100 / percent)));
        }
    }

    private static List<Finding> run(RedisMemoryCheck check, Map<FindingCode, Severity> open) throws Exception {
        return RedisFixtures.context(check, Instant.now(), Samples.none(), open).findings(check);
    }

    private static Severity severity(List<Finding> findings) {
        return findings.stream().filter(f -> f.code().code().equals("REDIS-102")).map(Finding::severity).findFirst()
                .orElse(null);
    }

    @Test
    void noevictionAtItsLimitIsRedis102ByItsPercentageAndItsRefusedWritesAreRedis111() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy noeviction")) {
            assertThat(fillUntilOom(redis)).isPositive();

            List<Finding> findings = RedisFixtures.run(new RedisMemoryCheck(redis.targets()));

            assertThat(findings).extracting(f -> f.code().code()).containsExactly("REDIS-102", "REDIS-111");
            assertThat(findings.get(0)).satisfies(f -> {
                // 99.x %: below the critical 100 %, however many writes it refuses
                assertThat(f.severity()).isEqualTo(Severity.P2);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).matches("Redis cache memory is at 99(\\.\\d)?% of maxmemory");
                assertThat(f.detail()).matches("used_memory [\\d.]+ [KM]iB of maxmemory 2 MiB \\(99(\\.\\d)?%; P2 from 90%, P1 "
                        + "from 100%\\); maxmemory-policy noeviction evicts nothing, so writes are refused with OOM "
                        + "at the limit\\.");
                assertThat(f.remediation()).contains(redis.cli() + " info memory")
                        .contains("aws elasticache describe-cache-clusters --cache-cluster-id cache")
                        .contains("--cache-node-type cache.r6g.large");
            });
            assertThat(findings.get(1)).satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).startsWith("Redis cache refused 1 writes with OOM since the server started at ");
                assertThat(f.detail()).matches("errorstat_OOM grew by 1 since the server started at \\S+: writes "
                        + "failed with \"OOM command not allowed when used memory > 'maxmemory'\" \\(maxmemory-policy "
                        + "noeviction, used_memory [\\d.]+ [KM]iB of maxmemory 2 MiB\\); a volatile-\\* policy refuses them "
                        + "once no key with a TTL is left to evict\\.");
                assertThat(f.evidence()).containsEntry("refused", "1").containsEntry("policy", "noeviction");
                assertThat(f.remediation()).contains(redis.cli() + " info errorstats");
            });
        }
    }

    @Test
    void anEvictingPolicyAtItsLimitIsNoMemoryFindingButItsRefusedWritesAre() throws Exception {
        try (RedisFixtures lru = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy allkeys-lru");
             RedisFixtures volatileLru = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy volatile-lru")) {
            try (Jedis jedis = lru.client()) {
                String value = "x".repeat(10_000);
                for (int i = 0; i < 400; i++) {     // 4 MB into 2 MB: evicts, refuses nothing
                    jedis.set("fill:" + i, value);
                }
                assertThat(RedisInfo.parse(jedis.info()).count("evicted_keys")).isPositive();
            }
            assertThat(RedisFixtures.run(new RedisMemoryCheck(lru.targets()))).isEmpty();

            fillUntilOom(volatileLru);              // no key has a TTL: nothing to evict
            assertThat(RedisFixtures.run(new RedisMemoryCheck(volatileLru.targets())))
                    .singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("REDIS-111");
                        assertThat(f.severity()).isEqualTo(Severity.P1);
                        assertThat(f.evidence()).containsEntry("refused", "1").containsEntry("policy", "volatile-lru");
                    });
        }
    }

    @Test
    void aSeverityHoldsWithinTwoPointsOfItsBandsEdgeAndEasesPastThem() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("maxmemory-policy noeviction")) {
            RedisMemoryCheck check = new RedisMemoryCheck(redis.targets(RedisFixtures.settings(
                    "thresholds.memory-warn-percent", "50", "thresholds.memory-critical-percent", "80")));

            useAbout(redis, 82);
            assertThat(severity(run(check, Map.of()))).isEqualTo(Severity.P1);

            useAbout(redis, 79);                    // under the edge, within its margin
            assertThat(severity(run(check, Map.of(RedisCode.REDIS_102, Severity.P1)))).isEqualTo(Severity.P1);
            assertThat(severity(run(check, Map.of(RedisCode.REDIS_102, Severity.P2)))).isEqualTo(Severity.P2);
            assertThat(severity(run(check, Map.of()))).isEqualTo(Severity.P2);

            useAbout(redis, 76);                    // past the margin: P1 eases
            assertThat(severity(run(check, Map.of(RedisCode.REDIS_102, Severity.P1)))).isEqualTo(Severity.P2);

            useAbout(redis, 49);                    // just under the warning: an open P2 holds, no new one
            assertThat(severity(run(check, Map.of(RedisCode.REDIS_102, Severity.P2)))).isEqualTo(Severity.P2);
            assertThat(run(check, Map.of())).isEmpty();
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
