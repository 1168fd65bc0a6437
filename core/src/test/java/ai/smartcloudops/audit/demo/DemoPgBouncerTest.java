package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.postgres.PgBouncerCheck;
import ai.smartcloudops.audit.check.postgres.PostgresProperties;
import ai.smartcloudops.audit.check.postgres.PostgresTargets;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The demo's pgbouncer, configured by its own properties, raises exactly its FAULTS. */
class DemoPgBouncerTest {

    @TempDir
    Path dir;

    @Test
    void theDemoPgBouncerRaisesExactlyItsFaults() throws Exception {
        assumeThat(DemoPgBouncer.available()).as("pgbouncer is not installed (apt-get install pgbouncer)").isTrue();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DemoDatabase.DATABASE);
            }
            try (DemoPgBouncer pgbouncer = DemoPgBouncer.start(dir, postgres.getPort(), "postgres", "postgres")) {
                Map<String, String> source = new HashMap<>();
                source.put("health-audit.postgres.databases[0].name", DemoDatabase.NAME);
                source.put("health-audit.postgres.databases[0].url", "jdbc:postgresql://localhost:"
                        + postgres.getPort() + "/" + DemoDatabase.DATABASE);
                for (String property : pgbouncer.properties()) {
                    String[] kv = property.substring(2).split("=", 2);
                    source.put(kv[0], kv[1]);
                }
                PostgresProperties properties = new Binder(new MapConfigurationPropertySource(source))
                        .bindOrCreate("health-audit.postgres", PostgresProperties.class);
                PgBouncerCheck check = new PgBouncerCheck(new PostgresTargets(properties));
                Target target = check.targets().get(0);

                List<Finding> findings = (new CheckContext(RunScope.first(1L, Instant.now()), check.id(),
                        target, Set.of(check.id()))).findings(check);

                assertThat(target.name()).isEqualTo(DemoDatabase.NAME + "/pgbouncer");
                Map<String, String> byCode = findings.stream().collect(Collectors.toMap(f -> f.code().code(),
                        f -> f.resource().kind() + "/" + f.resource().name(), (a, b) -> a + ", " + b, TreeMap::new));
                assertThat(byCode).isEqualTo(new TreeMap<>(DemoPgBouncer.FAULTS));
                assertThat(findings).filteredOn(f -> f.code().code().equals("PG-106")).extracting(Finding::severity)
                        .containsExactly(Severity.P1);
                assertThat(pgbouncer.properties()).allMatch(p -> p.startsWith(
                        "--health-audit.postgres.databases[0]."));
            }
        }
    }
}
