package ai.smartcloudops.audit.check.aws;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.demo.DemoAws;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingCode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The demo's AWS account, configured by its own properties, raises exactly its FAULTS: one per AWS code. */
class DemoAwsTest {

    @Test
    void theDemoAccountRaisesExactlyItsFaults() throws Exception {
        Instant now = Instant.now();
        try (DemoAws demo = DemoAws.start(now)) {
            Map<String, String> source = new HashMap<>();
            demo.properties().forEach(p -> source.put(p.substring(2, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
            AwsTargets targets = new AwsTargets(new Binder(new MapConfigurationPropertySource(source))
                    .bindOrCreate("health-audit.aws", AwsProperties.class));
            List<Check> checks = AllChecks.of(Area.AWS, targets);
            assertThat(targets.targets()).containsExactly(new Target(DemoAws.ACCOUNT + "/" + DemoAws.REGION, "aws"));

            RunScope run = RunScope.first(1L, now);
            Map<String, Set<String>> byCode = new TreeMap<>();
            for (Check check : checks) {
                for (Finding f : (new CheckContext(run, check.id(), targets.targets().get(0),
                        checks.stream().map(Check::id).collect(Collectors.toSet()))).findings(check)) {
                    byCode.computeIfAbsent(f.code().code(), code -> new TreeSet<>()).add(f.resource().kind() + "/"
                            + (f.resource().namespace() == null ? "" : f.resource().namespace() + "/")
                            + f.resource().name());
                }
            }
            Map<String, String> joined = new TreeMap<>();
            byCode.forEach((code, resources) -> joined.put(code, String.join(", ", resources)));
            assertThat(joined).isEqualTo(new TreeMap<>(DemoAws.FAULTS));
        }
        assertThat(DemoAws.FAULTS.keySet()).containsExactlyInAnyOrderElementsOf(TestCatalogue.get().all().stream()
                .filter(code -> code.area() == Area.AWS).map(FindingCode::code).toList());
    }
}
