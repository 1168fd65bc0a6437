package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import ai.smartcloudops.audit.text.Text;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * findings, runs and diff against a real store holding two runs written the way a run writes them (sweep, diff,
 * finish), one finding of which carries the estate's worst: markup, a spreadsheet formula, CR/LF and an escape.
 */
class HistoryCommandsTest {

    private static final String HOSTILE = "=HYPERLINK(\"http://x\")<script>\r\n\u001b[31mred";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String store;
    private static long first;
    private static long second;

    @BeforeAll
    static void twoRuns() {
        store = TestDatabase.newStore();
        DataSource dataSource = new DriverManagerDataSource(store);
        FindingStore findings = new FindingStore(dataSource, TestCatalogue.get());
        RunStore runs = new RunStore(JdbcClient.create(dataSource));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Finding steady = pod("steady", Severity.P2);
        Finding worse = pod("worse", Severity.P2);
        Finding fixed = pod("fixed", Severity.P1);
        Finding waived = Finding.of(KubernetesCode.K8S_201, "prod", new Resource("Pod", "a", "accepted"))
                .severity(Severity.P3).title("t").checkId("kubernetes.pods").waiver("accepted by ops").build();
        first = run(runs, findings, null, now.minus(2, ChronoUnit.DAYS), steady, worse, fixed, waived);
        Finding hostile = Finding.of(PostgresCode.PG_201, "orders", new Resource("Database", null, HOSTILE + " x"
                        .repeat(40)))
                .severity(Severity.P0).title(HOSTILE).checkId("postgres.long-queries").build();
        second = run(runs, findings, first, now.minus(1, ChronoUnit.HOURS), steady, pod("worse", Severity.P1),
                waived, hostile);
    }

    @Test
    void runsListsTheNewestFirstWithScoreAndCountsAndParsesBackFromJson() {
        CliRun json = CliRun.of("runs", "--store", store, "--format", "json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        List<JsonNode> runs = list(json.out());
        assertThat(runs).extracting(r -> r.get("id").asLong()).containsExactly(second, first);
        assertThat(runs.get(0).get("findings").get("P0").asInt()).isOne();
        assertThat(runs.get(0).get("findings").get("P1").asInt()).isOne();
        assertThat(runs.get(0).get("waived").asInt()).isOne();
        assertThat(runs.get(1).get("findings").get("P1").asInt()).as("the first run's fixed one").isOne();
        assertThat(runs.get(0).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(runs.get(0).get("startedAt").asString()).endsWith("Z");

        CliRun table = CliRun.of("runs", "--store", store, "--last", "1");

        assertThat(table.out().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line).hasSizeLessThan(81));
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
                .matches(second + " +nightly +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +\\S+ +completed +\\d+ [A-F] +1 +1 +1 +0");
    }

    @Test
    void findingsListsTheOpenOnesWithDueTimesAndTheirHistory() {
        CliRun json = CliRun.of("findings", "--store", store, "--open", "--format", "json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        List<JsonNode> open = list(json.out());
        assertThat(open).extracting(f -> f.get("severity").asString() + " " + f.get("code").asString())
                .containsExactly("P0 PG-201", "P1 K8S-201", "P2 K8S-201");
        JsonNode hostile = open.get(0);
        assertThat(hostile.get("title").asString()).as("JSON carries the text as stored")
                .isEqualTo(Text.clean(HOSTILE));
        assertThat(hostile.get("status").asString()).isEqualTo("open");
        assertThat(hostile.get("team").asString()).isEqualTo("database");
        assertThat(hostile.get("lastRun").asLong()).isEqualTo(second);
        assertThat(Instant.parse(hostile.get("due").asString()))
                .isEqualTo(Instant.parse(hostile.get("firstSeen").asString()).plus(15, ChronoUnit.MINUTES));
        assertThat(hostile.get("overdue").asBoolean()).as("due 15 minutes after it opened an hour ago").isTrue();
        JsonNode steady = open.get(2);
        assertThat(Instant.parse(steady.get("firstSeen").asString()))
                .isBefore(Instant.parse(steady.get("lastSeen").asString()));

        CliRun all = CliRun.of("findings", "--store", store, "--format", "json", "--team", "platform");
        assertThat(list(all.out())).extracting(f -> f.get("status").asString())
                .containsExactly("open", "resolved", "open", "waived");
    }

    @Test
    void theTableFitsEightyColumnsAndTheCsvDefusesFormulas() {
        CliRun table = CliRun.of("findings", "--store", store, "--severity", "P0,P1");

        assertThat(table.exitCode()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).hasSizeLessThan(81)
                .doesNotContain("\u001b", "\r"));
        assertThat(lines.get(0)).startsWith("SEV CODE      STATE    FIRST LAST  DUE         TARGET RESOURCE");
        assertThat(lines.get(1)).matches("P0  PG-201    open     1h    1h    overdue 4\\dm orders Database/=HYPERLINK.*…");
        assertThat(lines.get(3)).startsWith("P1  K8S-201   resolved 2d    2d    -           prod Pod/a/fixed");

        CliRun csv = CliRun.of("findings", "--store", store, "--code", "PG-201", "--format", "csv");

        assertThat(csv.out()).startsWith("\"fingerprint\",\"severity\",\"code\",\"area\",\"target\",\"resource\",")
                .as("quoted as RFC 4180 says, the formula defused")
                .contains(",\"'=HYPERLINK(\"\"http://x\"\")<script>\r\n\uFFFD[31mred\",").endsWith("\r\n");
    }

    @Test
    void diffSaysWhatAppearedResolvedAndRegressed() {
        CliRun json = CliRun.of("diff", String.valueOf(first), String.valueOf(second), "--store", store,
                "--format", "json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode diff = JSON.readTree(json.out());
        assertThat(diff.get("from").get("id").asLong()).isEqualTo(first);
        assertThat(names(diff.get("appeared"))).containsExactly("PG-201 P0");
        assertThat(names(diff.get("resolved"))).containsExactly("K8S-201 P1");
        assertThat(diff.get("regressed").get(0).get("before").asString()).isEqualTo("P2");
        assertThat(diff.get("regressed").get(0).get("after").asString()).isEqualTo("P1");

        CliRun table = CliRun.of("diff", String.valueOf(first), String.valueOf(second), "--store", store);

        assertThat(table.out().lines().toList()).hasSize(6).allSatisfy(line -> assertThat(line).hasSizeLessThan(81));
        assertThat(table.out()).startsWith("nightly run " + first + " (")
                .contains(") -> nightly run " + second + " (")
                .contains("\n1 appeared, 1 resolved, 1 regressed\n")
                .contains("regressed P2>P1 K8S-201   prod Pod/a/worse");
    }

    @Test
    void badArgumentsAreUsageErrorsThatNameWhatWasExpected() {
        CliRun missing = CliRun.of("diff", String.valueOf(first), "999999", "--store", store);
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no run with id 999999");

        CliRun since = CliRun.of("findings", "--since", "yesterday", "--store", "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(since.exitCode()).as("refused before the store is reached").isEqualTo(ExitCodes.USAGE);
        assertThat(since.err()).contains("--since takes an age such as 30m, 12h, 7d or 2w").contains("'yesterday'");

        CliRun team = CliRun.of("findings", "--team", "dba", "--store", "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(team.err()).contains("unknown team 'dba'; valid teams: platform, database, security, network");

        CliRun last = CliRun.of("runs", "--last", "0", "--store", "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(last.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(last.err()).contains("--last must be at least 1, got 0");
    }

    private static long run(RunStore runs, FindingStore findings, Long previous, Instant at, Finding... found) {
        long run = runs.create("nightly", "cli", at, "");
        // a finding resolves only where its check ran in full
        findings.saveSweep(run, 0, List.of(found), List.of(
                new Coverage("kubernetes.pods", "prod", CoverageStatus.RAN, 1, 0, null),
                new Coverage("postgres.long-queries", "orders", CoverageStatus.RAN, 1, 0, null)), Map.of());
        findings.diff(run, previous, at, AuditCode.AUDIT_904);
        runs.finish(run, RunStatus.COMPLETED, at.plusSeconds(42), 80);
        return run;
    }

    private static Finding pod(String name, Severity severity) {
        return Finding.of(KubernetesCode.K8S_201, "prod", new Resource("Pod", "a", name)).severity(severity)
                .title("restarts of " + name).checkId("kubernetes.pods").build();
    }

    private static List<JsonNode> list(String json) {
        return StreamSupport.stream(JSON.readTree(json).spliterator(), false).toList();
    }

    private static List<String> names(JsonNode changes) {
        return StreamSupport.stream(changes.spliterator(), false)
                .map(c -> c.get("code").asString() + " " + (c.get("after").isNull() ? c.get("before")
                        : c.get("after")).asString())
                .toList();
    }
}
