package ai.smartcloudops.audit.check.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.demo.DemoPrometheus;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.net.HttpLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The demo's Prometheus, configured by its own properties, raises exactly its PROM faults from every check. */
class DemoPrometheusTest {

    @Test
    void theDemoPrometheusRaisesExactlyItsPromFaults() throws Exception {
        try (DemoPrometheus demo = DemoPrometheus.start()) {
            Map<String, String> source = new TreeMap<>();
            demo.properties().forEach(p -> source.put(p.substring(2, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
            PrometheusTargets targets = new PrometheusTargets(new Binder(new MapConfigurationPropertySource(source))
                    .bindOrCreate("health-audit.prometheus", PrometheusProperties.class), HttpLimits.DEFAULT);
            RunScope scope = PrometheusFixtures.scope(Instant.now());
            List<Finding> findings = new ArrayList<>();
            for (Check check : AllChecks.of(Area.PROMETHEUS, targets)) {
                findings.addAll(PrometheusFixtures.context(scope, check, DemoPrometheus.SERVER).findings(check));
            }

            Map<String, String> byCode = new TreeMap<>();
            findings.forEach(f -> byCode.merge(f.code().code(), f.resource().kind() + "/"
                    + (f.resource().namespace() == null ? "" : f.resource().namespace() + "/") + f.resource().name(),
                    (a, b) -> a + ", " + b));
            Map<String, String> expected = new TreeMap<>(DemoPrometheus.FAULTS);
            expected.keySet().removeIf(code -> !code.startsWith("PROM-"));
            assertThat(byCode).isEqualTo(expected);
            assertThat(findings).filteredOn(f -> f.code().code().equals("PROM-101")).extracting(Finding::severity)
                    .containsExactly(Severity.P0);
            assertThat(findings).filteredOn(f -> f.code().code().equals("PROM-103")).extracting(Finding::severity)
                    .containsExactly(Severity.P0);
        }
    }
}
