package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.postgres.PostgresProperties;
import ai.smartcloudops.audit.check.postgres.PostgresTargets;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.net.HttpLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The analytics database, configured by the demo's own arguments, raises exactly its faults from every check. */
class DemoAnalyticsDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void everyPostgresCheckFindsExactlyTheAnalyticsFaults() throws Exception {
        try (DemoAnalyticsDatabase database = DemoAnalyticsDatabase.start(dir.resolve("pg"), dir.resolve("runs"));
             DemoPrometheus prometheus = DemoPrometheus.start()) {
            PostgresTargets targets = new PostgresTargets(properties(database, prometheus));
            List<Check> checks = AllChecks.of(Area.POSTGRES, targets, HttpLimits.DEFAULT);
            RunScope scope = RunScope.first(1L, Instant.now());
            List<Finding> findings = new ArrayList<>();
            for (Check check : checks) {
                findings.addAll((new CheckContext(scope, check.id(),
                        new Target(DemoAnalyticsDatabase.NAME, "postgresql"), Set.of(check.id()))).findings(check));
            }

            Map<String, String> byCode = new TreeMap<>();
            findings.forEach(f -> byCode.merge(f.code().code(), f.resource().path(), (a, b) -> a + ", " + b));
            Map<String, String> expected = new TreeMap<>(DemoAnalyticsDatabase.FAULTS);
            expected.put("PG-105", DemoPrometheus.FAULTS.get("PG-105"));
            assertThat(byCode).isEqualTo(expected);
            assertThat(findings).filteredOn(f -> f.code().code().equals("PG-301")).singleElement().satisfies(f -> {
                assertThat(f.evidence()).containsEntry("threshold", "99%").containsEntry("minBlocks", "5000");
                assertThat(Long.parseLong(f.evidence().get("accesses"))).isGreaterThanOrEqualTo(5000);
                assertThat(Double.parseDouble(f.evidence().get("ratio").replace("%", ""))).isLessThan(95);
            });
            assertThat(findings).filteredOn(f -> f.code().code().equals("PG-203")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("reason",
                            "The extension is not created in analytics"));
            assertThat(findings).filteredOn(f -> f.code().code().equals("PG-105")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("problem", "returned no series"));
        }
    }

    /** The demo's arguments for this database, bound as the audit binds them (as the only database). */
    private static PostgresProperties properties(DemoAnalyticsDatabase database, DemoPrometheus prometheus) {
        Map<String, String> source = new HashMap<>();
        Stream.concat(database.properties().stream(), prometheus.properties().stream())
                .filter(p -> p.startsWith(DemoAnalyticsDatabase.PREFIX))
                .map(p -> p.substring(2).replace(".databases[1].", ".databases[0].").split("=", 2))
                .forEach(kv -> source.put(kv[0], kv[1]));
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.postgres", PostgresProperties.class);
    }
}
