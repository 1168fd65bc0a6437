package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.store.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest cluster Kubernetes supports — 5,000 nodes, 150,000 pods — audited by the nightly job in a JVM
 * limited to 512 MB (the failsafe execution of this class sets -Xmx512m), with one paged LIST per kind.
 */
class ScaleIT {

    private static final int NODES = 5_000;
    private static final int PODS = 150_000;
    private static final int PAGE = 500;

    @TempDir
    Path tmp;

    @Test
    void theNightlySweepHoldsAtFiveThousandNodesAndOneHundredFiftyThousandPods() throws Exception {
        assertThat(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax())
                .as("this test must run with -Xmx512m").isLessThanOrEqualTo(512L * 1024 * 1024);
        SyntheticCluster.Spec spec = SyntheticCluster.Spec.of(NODES, PODS);
        try (SyntheticCluster cluster = SyntheticCluster.start(spec, Instant.now())) {
            Path config = tmp.resolve("scale.yml");
            Files.writeString(config, """
                    health-audit:
                      sweep:
                        check-timeout: 10m
                      kubernetes:
                        critical-deployments: []
                        monitoring:
                          components: []
                        page-size: %d
                        clusters:
                          - name: synthetic
                            kubeconfig: %s
                    """.formatted(PAGE, cluster.kubeconfig(tmp, "synthetic")));
            String store = TestDatabase.newDatabase();

            CliRun run = CliRun.of("run", "nightly", "--config", config.toString(), "--store", store, "--out",
                    tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            int kinds = Kind.values().length;
            // nodes, pods and deployments in full pages; every other kind is listed too, in one empty page
            int pages = NODES / PAGE + PODS / PAGE + spec.deployments() / PAGE + (kinds - 3);
            // pages of every kind, one access review per kind, and nothing per object; besides them, the last lines
            // of the first containers of K8S-201 and K8S-202, after one access review of pods/log: a bounded few
            long lastLines = cluster.requestsByPath().entrySet().stream().filter(e -> e.getKey().endsWith("/log"))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(lastLines).isEqualTo(2 * LastLines.CONTAINERS);
            assertThat(cluster.requests() - lastLines).as(cluster.requestsByPath().toString())
                    .isLessThanOrEqualTo(pages + kinds + 1 + 5);
            assertThat(cluster.requestsByPath()).containsEntry("GET /api/v1/pods", PODS / PAGE);
            assertThat(counts(store)).isEqualTo(new TreeMap<>(Map.of(
                    "K8S-503", 1,   // the application's ConfigMap is not in the synthetic cluster
                    "K8S-101", SyntheticCluster.Spec.faulty(NODES, spec.notReadyEvery(), SyntheticCluster.NOT_READY),
                    "K8S-201", SyntheticCluster.Spec.faulty(PODS, spec.crashLoopEvery(), SyntheticCluster.CRASH_LOOP),
                    "K8S-202", SyntheticCluster.Spec.faulty(PODS, spec.oomEvery(), SyntheticCluster.OOM),
                    "K8S-203", SyntheticCluster.Spec.faulty(PODS, spec.pendingEvery(), SyntheticCluster.PENDING),
                    "K8S-301", SyntheticCluster.Spec.faulty(spec.deployments(), spec.degradedEvery(),
                            SyntheticCluster.DEGRADED))));
        }
    }

    private static Map<String, Integer> counts(String store) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(store);
             ResultSet rs = c.createStatement().executeQuery("SELECT code, count(*) FROM finding GROUP BY code")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }
}
