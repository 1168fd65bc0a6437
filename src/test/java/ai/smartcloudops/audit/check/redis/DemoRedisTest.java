package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.FindingCode;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.DemoRedis;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The demo instance raises exactly its FAULTS from every Redis check there is, on a first and a second run. */
class DemoRedisTest {

    private static List<Check> checks(RedisTargets targets) {
        return List.of(new RedisHitRateCheck(targets), new RedisMemoryCheck(targets),
                new RedisEvictionPolicyCheck(targets), new RedisEvictionsCheck(targets), new RedisClientsCheck(targets),
                new RedisFragmentationCheck(targets), new RedisPersistenceCheck(targets),
                new RedisReplicationCheck(targets), new RedisSlowlogCheck(targets));
    }

    private static List<Finding> run(List<Check> checks, Instant now, Samples samples) throws Exception {
        RunScope scope = new RunScope(1L, now, FindingCode::severity, new ConcurrentHashMap<>(), f -> Optional.empty(),
                samples);
        List<Finding> findings = new ArrayList<>();
        for (String instance : List.of(DemoRedis.NAME, DemoRedis.REPLICA)) {
            for (Check check : checks) {
                findings.addAll(check.run(new CheckContext(scope, check.id(), new Target(instance, "redis"),
                        Set.of(check.id()))));
            }
        }
        return findings;
    }

    private static Map<String, String> byCode(List<Finding> findings) {
        Map<String, String> map = new TreeMap<>();
        findings.forEach(f -> map.put(f.code(), f.resource().kind() + "/" + f.resource().name()));
        return map;
    }

    @Test
    void theDemoInstanceRaisesExactlyItsFaultsOnBothRuns() throws Exception {
        try (DemoRedis demo = DemoRedis.start()) {
            RedisProperties properties = new RedisProperties(List.of(
                    new RedisProperties.Instance(DemoRedis.NAME, "127.0.0.1", demo.port(), null, null, null, null,
                            null),
                    new RedisProperties.Instance(DemoRedis.REPLICA, "127.0.0.1", demo.replicaPort(), null, null, null,
                            null, null)), null);
            List<Check> checks = checks(new RedisTargets(properties));
            Instant first = Instant.now();
            Samples run1 = Samples.none();
            List<Finding> findings = run(checks, first, run1);
            assertThat(byCode(findings)).isEqualTo(new TreeMap<>(DemoRedis.FAULTS));
            assertThat(findings).filteredOn(f -> f.code().equals("REDIS-102")).extracting(Finding::severity)
                    .containsExactly(Severity.P1);

            Thread.sleep(1500);   // the application keeps missing
            List<Finding> second = run(checks, Instant.now(), RedisFixtures.after(run1, first));
            assertThat(byCode(second)).isEqualTo(new TreeMap<>(DemoRedis.FAULTS));
            assertThat(second).filteredOn(f -> f.code().equals("REDIS-101")).singleElement()
                    .satisfies(f -> assertThat(f.evidence().get("window"))
                            .isEqualTo("since the previous run at " + first));
            assertThat(second).filteredOn(f -> f.code().equals("REDIS-102")).extracting(Finding::severity)
                    .containsExactly(Severity.P1);
        }
    }
}
