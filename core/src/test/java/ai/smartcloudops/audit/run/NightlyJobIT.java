package ai.smartcloudops.audit.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoEstate;
import ai.smartcloudops.audit.demo.EstateConfig;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole nightly job, through the command line, against a real PostgreSQL and a real Kubernetes API. */
class NightlyJobIT {

    @TempDir
    Path tmp;

    private DemoEstate estate;
    private String store;
    private Path out;
    private Path config;

    @BeforeEach
    void startEstate() throws Exception {
        estate = DemoEstate.start(Clock.systemUTC());
        store = TestDatabase.newDatabase();
        out = tmp.resolve("out");
        config = writeConfig("estate.yml", estate.kubeconfig());
    }

    @AfterEach
    void stopEstate() {
        estate.close();
    }

    @Test
    void nightlyRunStoresFindingsStateCoverageAndReports() throws Exception {
        CliRun run = nightly();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rows("SELECT check_id FROM check_execution WHERE run_id = 1 AND status = 'ran'"))
                .containsExactlyInAnyOrderElementsOf(kubernetesChecks());
        assertThat(rows("SELECT count(*) FROM check_execution WHERE run_id = 1")).containsExactly(
                String.valueOf(kubernetesChecks().size()));
        assertThat(findingsByCode(1)).isEqualTo(expectedFaults());
        assertThat(rows("SELECT DISTINCT state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 1")).containsExactly("new");
        assertThat(rows("SELECT code || ' ' || status FROM finding_state ORDER BY code")).containsExactlyElementsOf(
                DemoEstate.FAULTS.keySet().stream().sorted().map(code -> code + " open").toList());
        assertThat(rows("SELECT status FROM batch_job_execution")).containsExactly("COMPLETED");
        assertThat(rows("SELECT status FROM audit_run")).containsExactly("COMPLETED");
        for (Path dir : List.of(out.resolve("1"), out.resolve("latest"))) {
            assertThat(dir.resolve("report.html")).isNotEmptyFile();
            assertThat(dir.resolve("report.xlsx")).isNotEmptyFile();
            assertThat(dir.resolve("findings.json")).isNotEmptyFile();
        }
    }

    @Test
    void aRunThatFailedOrWasKilledContinuesFromTheStepThatDidNotComplete() throws Exception {
        Files.writeString(out, "not a directory");   // notify cannot write notifications.json: the job fails there

        CliRun failed = nightly();

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.out()).contains("run --restart 1");
        assertThat(rows("SELECT status FROM audit_run")).containsExactly("FAILED");
        assertThat(rows("SELECT step_name || ' ' || status FROM batch_step_execution ORDER BY step_execution_id"))
                .containsExactly("nightly.sweep COMPLETED", "nightly.join COMPLETED", "nightly.diff COMPLETED",
                        "nightly.escalate COMPLETED", "nightly.notify FAILED");

        // what a killed process leaves behind: an execution and a step that never ended
        execute("UPDATE batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL");
        execute("UPDATE batch_step_execution SET status = 'STARTED', end_time = NULL WHERE status = 'FAILED'");
        execute("UPDATE audit_run SET status = 'RUNNING', finished_at = NULL");
        Files.delete(out);

        CliRun restarted = CliRun.of("run", "--restart", "1", "--config", config.toString(), "--store", store);

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(rows("SELECT status FROM audit_run")).containsExactly("COMPLETED");
        assertThat(rows("SELECT step_name || ' ' || status FROM batch_step_execution ORDER BY step_execution_id"))
                .containsExactly("nightly.sweep COMPLETED", "nightly.join COMPLETED", "nightly.diff COMPLETED",
                        "nightly.escalate COMPLETED", "nightly.notify FAILED", "nightly.notify COMPLETED",
                        "nightly.report COMPLETED", "nightly.publish COMPLETED");
        assertThat(findingsByCode(1)).isEqualTo(expectedFaults());
        assertThat(out.resolve("1").resolve("findings.json")).isNotEmptyFile();
        assertThat(CliRun.of("run", "--restart", "1", "--config", config.toString(), "--store", store).err())
                .contains("run 1 already completed");
    }

    @Test
    void aStepWhoseWorkWasStoredBeforeTheProcessDiedDoesNotRunAgain() throws Exception {
        Files.writeString(out, "not a directory");
        assertThat(nightly().exitCode()).isEqualTo(ExitCodes.FAILED);
        // the process died after the escalate step committed its outbox rows and step execution, before it wrote
        // COMPLETED: the job and the step were left as Spring Batch leaves what it could not finish writing
        execute("UPDATE batch_job_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN', end_time = NULL");
        execute("UPDATE batch_step_execution SET status = 'UNKNOWN', exit_code = 'EXECUTING', end_time = NULL "
                + "WHERE step_name = 'nightly.escalate'");
        execute("DELETE FROM batch_step_execution_context WHERE step_execution_id IN (SELECT step_execution_id "
                + "FROM batch_step_execution WHERE step_name = 'nightly.notify')");
        execute("DELETE FROM batch_step_execution WHERE step_name = 'nightly.notify'");
        Files.delete(out);

        CliRun restarted = CliRun.of("run", "--restart", "1", "--config", config.toString(), "--store", store);

        assertThat(restarted.exitCode()).as(restarted.out() + restarted.err()).isZero();
        assertThat(rows("SELECT status || ' ' || exit_code FROM batch_job_execution ORDER BY job_execution_id"))
                .containsExactly("FAILED FAILED", "COMPLETED COMPLETED");
        assertThat(rows("SELECT step_name || ' ' || status FROM batch_step_execution ORDER BY step_execution_id"))
                .containsExactly("nightly.sweep COMPLETED", "nightly.join COMPLETED", "nightly.diff COMPLETED",
                        "nightly.escalate COMPLETED", "nightly.notify COMPLETED", "nightly.report COMPLETED",
                        "nightly.publish COMPLETED");
        assertThat(findingsByCode(1)).isEqualTo(expectedFaults());
    }

    @Test
    void theHourlyJobRunsBesideTheNightlyAndUnknownTargetsAreRefused() throws Exception {
        assertThat(nightly().exitCode()).isZero();

        CliRun hourly = CliRun.of("run", "hourly", "--only", "kubernetes", "--target", DemoEstate.CLUSTER,
                "--config", config.toString(), "--store", store, "--out", out.toString());
        CliRun unknown = CliRun.of("run", "hourly", "--target", "staging", "--config", config.toString(),
                "--store", store, "--out", out.toString());

        assertThat(hourly.exitCode()).as(hourly.err()).isZero();
        assertThat(rows("SELECT job || ' ' || status FROM audit_run ORDER BY id"))
                .containsExactly("nightly COMPLETED", "hourly COMPLETED");
        assertThat(rows("SELECT job_name FROM batch_job_instance ORDER BY job_instance_id"))
                .containsExactly("nightly", "hourly");
        assertThat(rows("SELECT DISTINCT state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 2")).containsExactly("persisting");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown target 'staging'; configured targets: certificates, "
                + DemoEstate.CLUSTER);

        // a misspelt code would change nothing, silently: the run is refused before it starts
        Path misspelt = Files.writeString(tmp.resolve("misspelt.yml"), EstateConfig.yaml(estate.kubeconfig(), """
                  severity-overrides:
                    K8S-103: P3
                    K8S-1O3: P3
                  waivers:
                    - code: "*"
                      match: "nowhere/*"
                      reason: every code of a retired cluster
                      owner: platform-team
                      expires: "2099-01-01"
                """));
        CliRun refused = CliRun.of("run", "hourly", "--config", misspelt.toString(), "--store", store,
                "--out", out.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("key 'health-audit.severity-overrides[K8S-1O3]': unknown code 'K8S-1O3'; "
                + "`health-audit checks` lists the catalogue");
        assertThat(rows("SELECT count(*) FROM audit_run")).containsExactly("2");
    }

    @Test
    void aStoredRunCanBeRenderedAgainInChosenFormats() throws Exception {
        assertThat(nightly().exitCode()).isZero();
        Path again = tmp.resolve("again");

        CliRun report = CliRun.of("report", "--run", "1", "--format", "json", "--config", config.toString(),
                "--store", store, "--out", again.toString());
        CliRun unknown = CliRun.of("report", "--format", "pdf", "--config", config.toString(), "--store", store,
                "--out", again.toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        try (var files = Files.list(again.resolve("1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("findings.json");
        }
        assertThat(Files.readString(again.resolve("1").resolve("findings.json")))
                .isEqualTo(Files.readString(out.resolve("1").resolve("findings.json")));
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("pdf").contains("html").contains("xlsx").contains("json");
    }

    @Test
    void secondRunPersistsAndARemovedFaultIsResolved() throws Exception {
        assertThat(nightly().exitCode()).isZero();
        assertThat(nightly().exitCode()).isZero();
        assertThat(rows("SELECT DISTINCT state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 2")).containsExactly("persisting");

        estate.client().pods().inNamespace(DemoEstate.NAMESPACE).withName("smartcloudops-api-7d9f8b6c5d-x2k9p")
                .delete();
        CliRun third = nightly();

        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.out()).contains("[resolved]");
        assertThat(rows("SELECT code || ' ' || status || ' ' || resolved_run FROM finding_state WHERE status = 'resolved'"))
                .containsExactly("K8S-201 resolved 3");
        JsonNode report = JsonMapper.builder().build().readTree(out.resolve("3").resolve("findings.json").toFile());
        assertThat(report.get("resolved").get(0).get("code").asString()).isEqualTo("K8S-201");
        assertThat(report.get("resolved").get(0).get("state").asString()).isEqualTo("resolved");
        assertThat(findingsByCode(3)).doesNotContainKey("K8S-201").hasSize(DemoEstate.FAULTS.size() - 1);
    }

    @Test
    void aFindingWhoseSeverityRoseIsRegressed() throws Exception {
        assertThat(nightly().exitCode()).isZero();
        estate.client().apps().deployments().inNamespace(DemoEstate.NAMESPACE).withName("smartcloudops-api")
                .editStatus(d -> {
                    d.getStatus().setReadyReplicas(0);
                    d.getStatus().setAvailableReplicas(0);
                    d.getStatus().setUnavailableReplicas(3);
                    return d;
                });

        assertThat(nightly().exitCode()).isZero();

        assertThat(rows("SELECT severity || ' ' || state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 2 AND code = 'K8S-301'"))
                .containsExactly("P0 regressed");
        // with no replica ready the critical deployment smartcloudops-api is now a finding of its own
        assertThat(rows("SELECT severity || ' ' || state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 2 AND code = 'K8S-303' "
                + "AND resource_name = 'smartcloudops-api'")).containsExactly("P0 new");
        assertThat(rows("SELECT DISTINCT state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 2 AND code NOT IN ('K8S-301', 'K8S-303')"))
                .containsExactly("persisting");
        assertThat(rows("SELECT severity FROM finding_state WHERE code = 'K8S-301'")).containsExactly("P0");
    }

    @Test
    void anUnreachableClusterIsAFindingAndTheRunCompletes() throws Exception {
        Path deadKubeconfig = tmp.resolve("dead.kubeconfig");
        Files.writeString(deadKubeconfig, Files.readString(estate.kubeconfig())
                .replaceAll("server: .*", "server: http://127.0.0.1:1"));
        Path deadConfig = writeConfig("dead.yml", deadKubeconfig);

        long started = System.nanoTime();
        CliRun run = CliRun.of("run", "nightly", "--config", deadConfig.toString(), "--store", store, "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(60);
        // the cluster's checks are skipped with one AUDIT-903; the certificate checks run and say what they missed
        assertThat(rows("SELECT code || ' ' || severity || ' ' || resource_kind || '/' || resource_name FROM finding"))
                .containsExactlyInAnyOrder("AUDIT-903 P1 Target/" + DemoEstate.CLUSTER,
                        "TLS-113 P3 ClusterSource/" + DemoEstate.CLUSTER + "/ingresses",
                        "TLS-113 P3 ClusterSource/" + DemoEstate.CLUSTER + "/secrets");
        assertThat(rows("SELECT DISTINCT status FROM check_execution WHERE target = '" + DemoEstate.CLUSTER + "'"))
                .containsExactly("error");
        assertThat(rows("SELECT reason FROM check_execution WHERE target = '" + DemoEstate.CLUSTER + "'"))
                .allMatch(r -> r.startsWith("unreachable: "));
        assertThat(rows("SELECT status FROM audit_run")).containsExactly("COMPLETED");
    }

    @Test
    void anUnreachableStoreExitsOneWithOneLineAndNoPassword() {
        CliRun run = CliRun.of("run", "nightly", "--config", config.toString(), "--store",
                "jdbc:postgresql://127.0.0.1:1/auditdb?user=audit&password=s3cr3t-pw", "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("auditdb").contains("127.0.0.1:1").doesNotContain("s3cr3t-pw");
        assertThat(run.out()).doesNotContain("s3cr3t-pw");
    }

    private CliRun nightly() {
        return CliRun.of("run", "nightly", "--config", config.toString(), "--store", store, "--out", out.toString());
    }

    private Path writeConfig(String name, Path kubeconfig) throws Exception {
        return Files.writeString(tmp.resolve(name), EstateConfig.yaml(kubeconfig, ""));
    }

    /**
     * The id of every Kubernetes check, from the catalogue's owners, and of every TLS check: a configured cluster
     * is also a source of certificates (its Ingress hosts and TLS Secrets).
     */
    private static List<String> kubernetesChecks() {
        return TestCatalogue.get().all().stream().filter(c -> c.area() == Area.KUBERNETES || c.area() == Area.TLS)
                .map(FindingCode::owner).distinct().toList();
    }

    private static Map<String, String> expectedFaults() {
        return new TreeMap<>(DemoEstate.FAULTS);
    }

    private Map<String, String> findingsByCode(long runId) throws SQLException {
        Map<String, String> byCode = new TreeMap<>();
        for (String row : rows("SELECT code || ' ' || resource_kind || '/' || COALESCE(resource_namespace || '/', '') "
                + "|| resource_name FROM finding WHERE run_id = " + runId)) {
            String[] parts = row.split(" ", 2);
            byCode.put(parts[0], parts[1]);
        }
        return byCode;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(store)) {
            c.createStatement().executeUpdate(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        return TestDatabase.rows(store, sql);
    }
}
