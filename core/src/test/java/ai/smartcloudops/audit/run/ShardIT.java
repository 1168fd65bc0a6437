package ai.smartcloudops.audit.run;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.cli.JarProcess.Result;
import ai.smartcloudops.audit.demo.LocalKubeconfig;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet run as a Kubernetes Indexed Job runs it: four processes of the packaged jar, each with its
 * JOB_COMPLETION_INDEX, over twelve clusters, all writing one run in one PostgreSQL.
 */
class ShardIT {

    private static final int SHARDS = 4;
    private static final List<String> CLUSTERS = IntStream.rangeClosed(1, 12)
            .mapToObj(i -> "cluster-%02d".formatted(i)).toList();

    @TempDir
    Path tmp;

    private KubernetesMockServer api;
    private WireMockServer slack;
    private String store;
    private Path config;
    private Path out;

    @BeforeEach
    void start() throws IOException {
        api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        api.init();
        try (KubernetesClient client = api.createClient()) {
            // a node without status is NotReady: K8S-101, P1, in every cluster (they all share this API server)
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("ip-10-0-1-10.ec2.internal")
                    .endMetadata().build()).create();
        }
        slack = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slack.start();
        slack.stubFor(post(urlEqualTo("/slack")).willReturn(ok("ok")));
        store = TestDatabase.newDatabase();
        out = tmp.resolve("out");
        StringBuilder yaml = new StringBuilder("health-audit:\n  kubernetes:\n    clusters:\n");
        for (String cluster : CLUSTERS) {
            Path kubeconfig = LocalKubeconfig.write(tmp.resolve(cluster + ".kubeconfig"), cluster,
                    api.url("/").toString());
            yaml.append("      - {name: %s, context: %s, kubeconfig: %s, request-timeout: 5s}\n"
                    .formatted(cluster, cluster, kubeconfig));
        }
        yaml.append("  notify:\n    slack: {webhook-url: \"%s/slack\"}\n".formatted(slack.baseUrl()));
        config = Files.writeString(tmp.resolve("fleet.yml"), yaml);
    }

    @AfterEach
    void stop() {
        slack.stop();
        api.destroy();
    }

    @Test
    void fourShardsAuditEveryClusterOnceAndTheLastReportsAndNotifiesOnce() throws Exception {
        List<Shard> shards = IntStream.range(0, SHARDS).mapToObj(i -> new Shard(i, SHARDS, "fleet-nightly-1"))
                .toList();

        List<Result> results = runAll(shards);

        results.forEach(r -> assertThat(r.exitCode()).as(r.output()).isZero());
        assertThat(rows("SELECT id || ' ' || status || ' ' || shards || ' ' || run_key FROM audit_run"))
                .containsExactly("1 COMPLETED 4 fleet-nightly-1");
        // every Kubernetes check ran on every cluster exactly once, and each shard audited three clusters; the
        // certificates (Ingress hosts of every cluster) are one more target, audited once by one shard
        assertThat(rows("SELECT check_id || ' ' || count(*) || ' ' || count(DISTINCT target) FROM check_execution "
                + "WHERE run_id = 1 AND check_id LIKE 'kubernetes.%' GROUP BY check_id"))
                .hasSizeGreaterThan(20).allMatch(row -> row.endsWith(" 12 12"));
        assertThat(rows("SELECT check_id || ' ' || target || ' ' || count(*) FROM check_execution "
                + "WHERE run_id = 1 AND check_id LIKE 'tls.%' GROUP BY check_id, target"))
                .isNotEmpty().allMatch(row -> row.endsWith(" certificates 1"));
        assertThat(rows("SELECT shard || ':' || count(DISTINCT target) FROM check_execution WHERE run_id = 1 "
                + "AND check_id LIKE 'kubernetes.%' GROUP BY shard ORDER BY shard"))
                .containsExactly("0:3", "1:3", "2:3", "3:3");
        assertThat(rows("SELECT target FROM finding WHERE run_id = 1 AND code = 'K8S-101' ORDER BY target"))
                .containsExactlyElementsOf(CLUSTERS);
        // one shard finished the run: one diff, escalation, notification and report step; the others waited
        assertThat(rows("SELECT step_name || ' ' || count(*) FROM batch_step_execution GROUP BY step_name "
                + "ORDER BY step_name")).containsExactly("nightly.diff 1", "nightly.escalate 1", "nightly.join 4",
                "nightly.notify 1", "nightly.publish 1", "nightly.report 1", "nightly.sweep 4");
        assertThat(results).filteredOn(r -> r.output().contains("reports: ")).hasSize(1);
        assertThat(results).filteredOn(r -> r.output().contains("shards done, the last one")).hasSize(3);
        try (var dirs = Files.list(out)) {
            assertThat(dirs.map(p -> p.getFileName().toString()).sorted()).containsExactly("1", "latest");
        }
        assertThat(out.resolve("1").resolve("report.html")).isNotEmptyFile();
        // every P0/P1 finding of the whole run triggered on Slack once, on its own or in its channel's digest, and
        // every message sent once
        List<String> urgent = rows("SELECT fingerprint FROM finding WHERE run_id = 1 AND severity IN ('P0', 'P1')");
        assertThat(urgent).hasSizeGreaterThanOrEqualTo(CLUSTERS.size());
        assertThat(rows("SELECT fingerprint FROM notification_outbox WHERE channel = 'slack' AND kind = 'trigger' "
                + "AND status IN ('sent', 'digested')")).containsExactlyInAnyOrderElementsOf(urgent);
        List<String> sent = rows("SELECT id FROM notification_outbox WHERE channel = 'slack' AND status = 'sent'");
        assertThat(sent).isNotEmpty();
        assertThat(slack.findAll(postRequestedFor(urlEqualTo("/slack")))).hasSize(sent.size());
    }

    @Test
    void aShardWhosePodNeverRanIsStartedByRestartAndARetriedPodDoesNotAuditAgain() throws Exception {
        List<Shard> withoutFirst = IntStream.range(1, SHARDS).mapToObj(i -> new Shard(i, SHARDS, "fleet-nightly-2"))
                .toList();

        List<Result> waiting = runAll(withoutFirst);

        waiting.forEach(r -> assertThat(r.exitCode()).as(r.output()).isZero());
        assertThat(rows("SELECT status FROM audit_run")).containsExactly("RUNNING");
        assertThat(rows("SELECT count(DISTINCT target) FROM check_execution WHERE check_id LIKE 'kubernetes.%'"))
                .containsExactly("9");
        assertThat(out).doesNotExist();

        Result restart = run(List.of("run", "--restart", "1"), Shard.SINGLE);

        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(restart.output()).contains("reports: ");
        assertThat(rows("SELECT status FROM audit_run")).containsExactly("COMPLETED");
        assertThat(rows("SELECT count(*) || ' ' || count(DISTINCT target) FROM check_execution "
                + "WHERE check_id = 'kubernetes.node-conditions'")).containsExactly("12 12");

        Result retried = run(List.of("run", "nightly"), new Shard(2, SHARDS, "fleet-nightly-2"));

        assertThat(retried.exitCode()).as(retried.output()).isZero();
        assertThat(rows("SELECT step_name || ' ' || count(*) FROM batch_step_execution "
                + "WHERE step_name = 'nightly.sweep' GROUP BY step_name")).containsExactly("nightly.sweep 4");
        assertThat(rows("SELECT count(*) FROM audit_run")).containsExactly("1");
    }

    @Test
    void aRunKeyOfAnotherJobIsRefusedWithTheKeyNamed() throws Exception {
        assertThat(run(List.of("run", "nightly"), new Shard(0, 2, "fleet-3")).exitCode()).isZero();

        Result hourly = run(List.of("run", "hourly"), new Shard(1, 2, "fleet-3"));

        assertThat(hourly.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(hourly.output()).contains("run key 'fleet-3' belongs to run 1, a nightly run of 2 shard(s); "
                + "this process runs hourly as shard 2 of 2: give each run its own HEALTH_AUDIT_RUN_KEY");
    }

    private List<Result> runAll(List<Shard> shards) throws Exception {
        List<Process> processes = new ArrayList<>();
        try {
            for (Shard shard : shards) {
                processes.add(start(List.of("run", "nightly"), shard));
            }
            List<Result> results = new ArrayList<>();
            for (Process process : processes) {
                results.add(JarProcess.finish(process, Duration.ofSeconds(120)));
            }
            return results;
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private Result run(List<String> args, Shard shard) throws Exception {
        return JarProcess.finish(start(args, shard), Duration.ofSeconds(120));
    }

    private Process start(List<String> args, Shard shard) throws IOException {
        List<String> command = new ArrayList<>(args);
        command.addAll(List.of("--config", config.toString(), "--store", store, "--out", out.toString()));
        ProcessBuilder builder = JarProcess.of(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + tmp),
                command);
        Map<String, String> env = builder.environment();
        env.keySet().removeAll(List.of(Shard.INDEX_ENV, Shard.COUNT_ENV, Shard.RUN_KEY_ENV));
        if (!shard.single()) {
            env.put(Shard.INDEX_ENV, String.valueOf(shard.index()));
            env.put(Shard.COUNT_ENV, String.valueOf(shard.count()));
        }
        if (shard.runKey() != null) {
            env.put(Shard.RUN_KEY_ENV, shard.runKey());
        }
        return builder.start();
    }

    private List<String> rows(String sql) throws SQLException {
        return TestDatabase.rows(store, sql);
    }
}
