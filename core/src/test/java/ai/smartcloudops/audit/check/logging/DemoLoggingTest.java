package ai.smartcloudops.audit.check.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.demo.DemoLogging;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.net.HttpLimits;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The demo's log pipeline raises exactly its FAULTS, on a first run and on a later one with fresh servers. */
class DemoLoggingTest {

    private static List<Finding> run(DemoLogging demo, Instant now, Samples samples) {
        Map<String, String> source = new HashMap<>();
        demo.properties().forEach(p -> source.put(p.substring(2, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
        LoggingTargets t = new LoggingTargets(new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.logging", LoggingProperties.class), HttpLimits.DEFAULT);
        return LoggingFixtures.run(now, samples, AllChecks.of(Area.LOGGING, t).toArray(Check[]::new));
    }

    private static Map<String, String> byCode(List<Finding> findings) {
        Map<String, String> map = new TreeMap<>();
        findings.forEach(f -> map.merge(f.code().code(), f.resource().path(), (a, b) -> a + ", " + b));
        return map;
    }

    @Test
    void theDemoRaisesExactlyItsFaultsOnBothRuns() throws Exception {
        Instant first = Instant.now();
        Samples run1 = Samples.none();
        try (DemoLogging demo = DemoLogging.start()) {
            List<Finding> findings = run(demo, first, run1);
            assertThat(byCode(findings)).isEqualTo(new TreeMap<>(DemoLogging.FAULTS));
            assertThat(findings).filteredOn(f -> f.code().code().equals("LOG-106")).singleElement()
                    .satisfies(f -> assertThat(f.target()).isEqualTo(DemoLogging.CLUSTER));
            assertThat(findings).filteredOn(f -> f.code().code().equals("LOG-107")).singleElement()
                    .satisfies(f -> assertThat(f.target()).isEqualTo(DemoLogging.WARM));
        }
        Thread.sleep(1100);   // out_es_audit flushes on, a slow flush a second
        try (DemoLogging demo = DemoLogging.start()) {
            List<Finding> second = run(demo, Instant.now(), SampleHistory.after(run1, first));
            assertThat(byCode(second)).isEqualTo(new TreeMap<>(DemoLogging.FAULTS));
            assertThat(second).filteredOn(f -> f.code().code().equals("LOG-204")).singleElement()
                    .satisfies(f -> assertThat(f.evidence().get("window")).isEqualTo("since the previous run at "
                            + first));
        }
    }
}
