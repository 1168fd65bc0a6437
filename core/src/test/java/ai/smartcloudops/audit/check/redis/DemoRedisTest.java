package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.DemoRedis;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo instances raise exactly their FAULTS from every Redis check there is on a first run, and on a second run
 * all but the counters that grew only before the first.
 */
class DemoRedisTest {

    private static List<Finding> run(List<Check> checks, Instant now, Samples samples) throws Exception {
        RunScope scope = new RunScope(1L, now, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(), f -> Optional.empty(),
                samples);
        List<Finding> findings = new ArrayList<>();
        for (String instance : DemoRedis.INSTANCES) {
            for (Check check : checks) {
                findings.addAll((new CheckContext(scope, check.id(), new Target(instance, "redis"),
                        Set.of(check.id()))).findings(check));
            }
        }
        return findings;
    }

    private static Map<String, String> byCode(List<Finding> findings) {
        Map<String, String> map = new TreeMap<>();
        findings.forEach(f -> map.merge(f.code().code(), f.resource().kind() + "/" + f.resource().name(),
                (a, b) -> a + ", " + b));
        return map;
    }

    @TempDir
    Path dir;

    @Test
    void theDemoInstanceRaisesExactlyItsFaultsOnBothRuns() throws Exception {
        try (DemoRedis demo = DemoRedis.start(dir)) {
            RedisProperties properties = new RedisProperties(DemoRedis.INSTANCES.stream()
                    .map(name -> new RedisProperties.Instance(name, "127.0.0.1", demo.port(name), null, null, null,
                            null, null, null)).toList(), null);
            List<Check> checks = AllChecks.of(Area.REDIS, new RedisTargets(properties));
            Instant first = Instant.now();
            Samples run1 = Samples.none();
            List<Finding> findings = run(checks, first, run1);
            assertThat(byCode(findings)).isEqualTo(new TreeMap<>(DemoRedis.FAULTS));
            assertThat(findings).filteredOn(f -> f.code().code().equals("REDIS-102")).extracting(Finding::severity)
                    .containsExactly(Severity.P1);
            assertThat(findings).filteredOn(f -> f.code().code().equals("REDIS-111")).extracting(Finding::severity)
                    .containsExactly(Severity.P1);
            assertThat(findings).filteredOn(f -> f.code().code().equals("REDIS-105")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("rejected", "3")
                            .containsEntry("maxclients", "100"));
            assertThat(findings).filteredOn(f -> f.code().code().equals("REDIS-108")).extracting(Finding::severity)
                    .containsExactly(Severity.P1);

            Thread.sleep(1500);   // the application keeps missing
            List<Finding> second = run(checks, Instant.now(), SampleHistory.after(run1, first));
            // the sessions cache evicted and rejected once, before the first run: nothing new since
            Map<String, String> persisting = new TreeMap<>(DemoRedis.FAULTS);
            persisting.keySet().removeAll(Set.of("REDIS-104", "REDIS-105"));
            assertThat(byCode(second)).isEqualTo(persisting);
            assertThat(second).filteredOn(f -> f.code().code().equals("REDIS-101")).singleElement()
                    .satisfies(f -> assertThat(f.evidence().get("window"))
                            .isEqualTo("since the previous run at " + first));
            assertThat(second).filteredOn(f -> f.code().code().equals("REDIS-102")).extracting(Finding::severity)
                    .containsExactly(Severity.P1);
            // the application's writes are still refused
            assertThat(second).filteredOn(f -> f.code().code().equals("REDIS-111")).singleElement()
                    .satisfies(f -> assertThat(f.evidence().get("window")).isEqualTo("since the previous run at "
                            + first));
        }
    }
}
