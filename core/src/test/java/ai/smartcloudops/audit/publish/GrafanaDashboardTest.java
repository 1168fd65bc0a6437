package ai.smartcloudops.audit.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.smartcloudops.audit.report.ReportFixtures;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard of docs/grafana reads only metrics the product exports (the gauges pushed to the
 * Pushgateway, serve's run metrics), and every query of it is PromQL that Prometheus's own promtool accepts.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("docs/grafana/health-audit.json");
    /** serve's /actuator/prometheus names of AuditMetrics' meters. */
    private static final Set<String> SERVE_METRICS = Set.of("health_audit_runs_total", "health_audit_last_run_score");
    private static final Pattern METRIC = Pattern.compile("\\bhealth_audit_[a-z_]+");

    @TempDir
    Path tmp;

    private static JsonNode dashboard() throws Exception {
        return JsonMapper.builder().build().readTree(DASHBOARD.toFile());
    }

    /** Every query of the dashboard, its template variables as a match-all regex. */
    private static List<String> queries() throws Exception {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard().get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries.add(target.get("expr").asString().replace("$job", ".*").replace("$target", ".*"));
            }
        }
        return queries;
    }

    @Test
    void everyMetricItQueriesIsOneTheProductExports() throws Exception {
        String pushed = new String(PushgatewayPublisher.body(ReportFixtures.model()), StandardCharsets.UTF_8);
        Set<String> exported = new TreeSet<>(SERVE_METRICS);
        pushed.lines().filter(l -> l.startsWith("# TYPE ")).forEach(l -> exported.add(l.split(" ")[2]));
        Set<String> queried = new TreeSet<>();
        for (String query : queries()) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                queried.add(m.group());
            }
        }

        assertThat(queried).isNotEmpty().isSubsetOf(exported);
        // the score, findings by severity and target, overdue per team, coverage and runs each have a panel
        assertThat(queried).contains("health_audit_score", "health_audit_findings", "health_audit_code_findings",
                "health_audit_overdue_findings", "health_audit_checks", "health_audit_runs_total");
    }

    @Test
    void itIsImportableAsItIs() throws Exception {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.get("uid").asString()).isEqualTo("health-audit");
        List<String> variables = new ArrayList<>();
        dashboard.get("templating").get("list").forEach(v -> variables.add(v.get("name").asString()));
        assertThat(variables).containsExactly("datasource", "job", "target");
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel id %s is unique", panel.get("id")).isTrue();
            assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("${datasource}");
            assertThat(panel.get("gridPos").get("w").asInt()).isBetween(1, 24);
        }
    }

    @Test
    void everyQueryIsPromqlThatPromtoolAccepts() throws Exception {
        Optional<Path> promtool = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "")
                        .split(File.pathSeparator)), Stream.of("/usr/bin")).map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable).findFirst();
        assumeTrue(promtool.isPresent(), "no promtool on PATH: install Debian's prometheus package (.ci/run does)");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> queries = queries();
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(queries.get(i).replace("'", "''")).append("'\n");
        }
        Path file = tmp.resolve("dashboard-rules.yml");
        Files.writeString(file, rules);

        Process check = new ProcessBuilder(promtool.get().toString(), "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: " + queries.size() + " rules found");
    }
}
