package ai.smartcloudops.audit.check.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.demo.DemoApp;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The demo's services, bound from the arguments it gives the audit, raise exactly its FAULTS. */
class DemoAppTest {

    static AppProperties bind(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return new Binder(new MapConfigurationPropertySource(values)).bind("health-audit.app", AppProperties.class)
                .get();
    }

    @Test
    void theDemoServicesRaiseExactlyTheirFaults() throws Exception {
        try (DemoApp demo = DemoApp.start()) {
            AppTargets targets = new AppTargets(bind(demo.properties()));
            List<Finding> findings = AppFixtures.run(targets, AllChecks.of(Area.APP, targets).toArray(Check[]::new));

            Map<String, String> byCode = new TreeMap<>();
            findings.forEach(f -> byCode.put(f.code().code(), f.resource().kind() + "/" + f.resource().name()));
            assertThat(findings).hasSize(DemoApp.FAULTS.size());
            assertThat(byCode).isEqualTo(new TreeMap<>(DemoApp.FAULTS));
            assertThat(findings).extracting(f -> f.code().code() + " " + f.severity())
                    .containsExactlyInAnyOrder("APP-101 P1", "APP-102 P0", "APP-103 P2");
        }
    }
}
