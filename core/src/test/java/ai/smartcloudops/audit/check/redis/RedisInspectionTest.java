package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Redis checks judged on snapshots of instances the tests cannot make a real server into (an ElastiCache replica
 * that lost its master, a fragmented full noeviction server, a Redis 5 whose INFO has no policy and whose ACL refuses
 * CONFIG): INFO captures under src/test/resources/redis, no server. The fetch itself is tested on real servers.
 */
class RedisInspectionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:30:00Z");
    private static final RedisTargets TARGETS = new RedisTargets(RedisFixtures.properties(6379, Map.of()));

    @Test
    void anElastiCacheReplicaThatLostItsMasterIsRedis109BesideItsEvictingPolicy() {
        RedisSnapshot snapshot = snapshot("elasticache-replica-link-down.info", Map.of("save", ""), Map.of());

        List<Finding> findings = inspectAll(snapshot);

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::title).containsExactlyInAnyOrder(
                tuple("REDIS-109", Severity.P1, "Redis replica cache lost its link to master "
                        + "smartcloudops-cache-001.abc123.0001.euw1.cache.amazonaws.com:6379"),
                // volatile-lru evicts, just not by the expected policy: the milder grade
                tuple("REDIS-103", Severity.P3, "Redis cache maxmemory-policy is volatile-lru, not allkeys-lru"));
        assertThat(findings).filteredOn(f -> f.code().code().equals("REDIS-109")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("lastIo", "-1"));
    }

    @Test
    void aFragmentedFullNoevictionServerIsCriticalMemoryTheWrongPolicyAndFragmentation() {
        RedisSnapshot snapshot = snapshot("fragmented-noeviction-full.info", Map.of("save", ""), Map.of());

        assertThat(inspectAll(snapshot)).extracting(f -> f.code().code(), Finding::severity).containsExactlyInAnyOrder(
                tuple("REDIS-102", Severity.P1), tuple("REDIS-103", Severity.P1), tuple("REDIS-107", Severity.P3));
    }

    @Test
    void aPolicyNeitherInfoNorARefusedConfigShowsIsNoFindingButAGapOfTheChecksThatNeedIt() {
        Gap refused = new Gap("the answer to CONFIG GET", "ACL +config|get", "ACL SETUSER default +config|get");
        RedisSnapshot snapshot = snapshot("redis-5-without-policy.info", Map.of(),
                Map.of("maxmemory-policy", refused, "maxclients", refused, "save", refused));
        RedisEvictionPolicyCheck policy = new RedisEvictionPolicyCheck(TARGETS);
        CheckContext context = RedisFixtures.context(policy, NOW, Samples.none());

        assertThat(policy.inspect(context, snapshot)).isEmpty();
        assertThat(context.gaps()).containsExactly(refused);
        // the fragmentation check reads INFO only: not partial
        RedisFragmentationCheck fragmentation = new RedisFragmentationCheck(TARGETS);
        CheckContext other = RedisFixtures.context(fragmentation, NOW, Samples.none());
        assertThat(fragmentation.inspect(other, snapshot)).isEmpty();
        assertThat(other.gaps()).isEmpty();
    }

    /** Every Redis check's findings on the snapshot, as the sweep makes them. */
    private static List<Finding> inspectAll(RedisSnapshot snapshot) {
        return AllChecks.of(Area.REDIS, TARGETS).stream().flatMap(check -> {
            CheckContext context = RedisFixtures.context(check, NOW, Samples.none());
            return ((RedisCheck) check).inspect(context, snapshot).stream()
                    .map(problem -> context.finding(problem.withValues(TARGETS.instance(context).commandValues())));
        }).toList();
    }

    private static RedisSnapshot snapshot(String info, Map<String, String> config, Map<String, Gap> refused) {
        try (InputStream in = RedisInspectionTest.class.getResourceAsStream("/redis/" + info)) {
            return new RedisSnapshot(RedisInfo.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), config,
                    Optional.of(new RedisSnapshot.SlowLog(0, List.of())), refused, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
