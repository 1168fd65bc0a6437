package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.demo.LocalKubeconfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paged scan against a server that really pages, refuses and expires lists. */
class ClusterScanTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void everyKindIsListedOnceInPagesAndEveryPageReachesEveryReader() throws Exception {
        SyntheticCluster.Spec spec = SyntheticCluster.Spec.of(30, 1_234);
        try (SyntheticCluster cluster = SyntheticCluster.start(spec, NOW)) {
            Run run = run(cluster, 100);

            assertThat(run.codes(PodRestartsCheck.ID)).hasSize(2);      // pods 1 and 1001 crash-loop
            assertThat(run.codes(PodOomCheck.ID)).hasSize(1);           // pod 2
            assertThat(run.codes(PodSchedulingCheck.ID)).hasSize(1);    // pod 3
            assertThat(run.codes(NodeConditionsCheck.ID)).hasSize(1);   // node 0
            assertThat(run.codes(DeploymentAvailabilityCheck.ID)).hasSize(1); // 41 deployments, one in 100
            assertThat(cluster.requestsByPath()).containsEntry("GET /api/v1/pods", 13)
                    .containsEntry("GET /api/v1/nodes", 1)
                    .containsEntry("GET /apis/apps/v1/deployments", 1)
                    .containsEntry("POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews", 3);
        }
    }

    @Test
    void aForbiddenKindIsAGapOfItsReadersOnly() throws Exception {
        try (SyntheticCluster cluster = SyntheticCluster.start(SyntheticCluster.Spec.of(10, 50).forbid("pods"),
                NOW)) {
            Run run = run(cluster, 500);

            Gap pods = new Gap("the cluster's pods (RBAC: no rule allows list on pods)", "list pods",
                    "kubectl auth can-i list pods --as=system:serviceaccount:<namespace>:health-audit and allow it in "
                            + "the audit's ClusterRole (the one in k8s/cronjob allows what the audit reads)");
            assertThatThrownBy(() -> run.scan().problemsOf(PodRestartsCheck.ID))
                    .isInstanceOfSatisfying(NotPermittedException.class, e -> assertThat(e.gap()).isEqualTo(pods));
            assertThatThrownBy(() -> run.scan().problemsOf(NodeAllocationCheck.ID))
                    .isInstanceOfSatisfying(NotPermittedException.class, e -> assertThat(e.gap()).isEqualTo(pods));
            assertThat(run.scan().problemsOf(NodeConditionsCheck.ID)).isNotNull();
            assertThat(run.scan().problemsOf(DeploymentAvailabilityCheck.ID)).isNotNull();
            assertThat(cluster.requestsByPath()).doesNotContainKey("GET /api/v1/pods");
        }
    }

    @Test
    void anExpiredListStartsAgainWithoutSeeingAnObjectTwice() throws Exception {
        try (SyntheticCluster cluster = SyntheticCluster.start(SyntheticCluster.Spec.of(5, 1_000)
                .expiringOnce("pods"), NOW)) {
            Run run = run(cluster, 300);

            assertThat(run.codes(PodRestartsCheck.ID)).containsExactly("K8S-201");   // pod 1, seen once
            assertThat(run.codes(PodOomCheck.ID)).containsExactly("K8S-202");        // pod 2, seen once
            // 1 page, 410 on the second, then 4 pages again from the start
            assertThat(cluster.requestsByPath()).containsEntry("GET /api/v1/pods", 6);
        }
    }

    @Test
    void excludedNamespacesAreNotAuditedAndIncludedOnesAreTheOnlyOnes() throws Exception {
        try (SyntheticCluster cluster = SyntheticCluster.start(SyntheticCluster.Spec.of(30, 1_234), NOW)) {
            // pods 1 and 1001 crash-loop, both in ns-1; pod 2 is OOM-killed in ns-2; pod 3 is pending in ns-3
            Run excluded = run(cluster, 500, Map.of("namespaces.exclude", "ns-1"));
            Run included = run(cluster, 500, Map.of("namespaces.include", "ns-2,ns-3"));

            assertThat(excluded.codes(PodRestartsCheck.ID)).isEmpty();
            assertThat(excluded.codes(PodOomCheck.ID)).hasSize(1);
            assertThat(included.codes(PodRestartsCheck.ID)).isEmpty();
            assertThat(included.codes(PodOomCheck.ID)).hasSize(1);
            assertThat(included.codes(PodSchedulingCheck.ID)).hasSize(1);
            assertThat(included.codes(NodeConditionsCheck.ID)).as("nodes have no namespace").hasSize(1);
        }
    }

    @Test
    void aClusterThatAcceptsButNeverAnswersFailsEveryCheckOnceWithinItsRequestTimeout() throws Exception {
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path kubeconfig = LocalKubeconfig.write(tmp.resolve("blackhole"), "dark",
                    "http://127.0.0.1:" + blackhole.getLocalPort());
            KubernetesClusters clusters = new KubernetesClusters(KubernetesFixtures.properties("dark", Map.of(
                    "clusters[0].kubeconfig", kubeconfig.toString(), "clusters[0].request-timeout", "1s")));
            KubernetesCheck nodes = new NodeConditionsCheck(clusters);
            KubernetesCheck pods = new PodRestartsCheck(clusters);
            CheckContext context = new CheckContext(RunScope.first(1L, NOW), nodes.id(),
                    new Target("dark", KubernetesClusters.KIND), Set.of(nodes.id(), pods.id()));

            long started = System.nanoTime();
            ClusterScan scan = clusters.scan(context);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThatThrownBy(() -> scan.problemsOf(nodes.id())).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> scan.problemsOf(pods.id())).isInstanceOf(RuntimeException.class);
            clusters.destroy();
        }
    }

    @Test
    void aClusterThatRefusesConnectionsIsNamedByItsApiServerAndTheCause() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Path kubeconfig = LocalKubeconfig.write(tmp.resolve("refused"), "gone", "http://127.0.0.1:" + port);
        KubernetesClusters clusters = new KubernetesClusters(KubernetesFixtures.properties("gone", Map.of(
                "clusters[0].kubeconfig", kubeconfig.toString(), "clusters[0].request-timeout", "1s")));
        KubernetesCheck nodes = new NodeConditionsCheck(clusters);
        CheckContext context = new CheckContext(RunScope.first(1L, NOW), nodes.id(),
                new Target("gone", KubernetesClusters.KIND), Set.of(nodes.id()));

        ClusterScan scan = clusters.scan(context);

        assertThatThrownBy(() -> scan.problemsOf(nodes.id()))
                .hasMessage("API server http://127.0.0.1:" + port + "/ cannot be reached: Connection refused")
                .hasRootCauseInstanceOf(ConnectException.class);
        clusters.destroy();
    }

    @Test
    void aFailureWhoseCausesSayNothingIsNamedByTheKindOfFailure() {
        // how the JDK's HttpClient reports a refused connection: no cause carries a message
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());
        KubernetesClientException error = new KubernetesClientException("An error has occurred.",
                new IOException(null, refused));
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://user:pw@api.example:6443/").build()).build()) {
            assertThat(ClusterScan.unreachable(client, error)).hasMessage(
                    "API server https://****@api.example:6443/ cannot be reached: Connection refused").hasCause(error);
            assertThat(ClusterScan.unreachable(client, new KubernetesClientException("An error has occurred.",
                    new IOException(null, new ClosedChannelException())))).hasMessageEndingWith(
                            "cannot be reached: ClosedChannelException");
        }
    }

    private Run run(SyntheticCluster cluster, int pageSize) throws Exception {
        return run(cluster, pageSize, Map.of());
    }

    private Run run(SyntheticCluster cluster, int pageSize, Map<String, String> settings) throws Exception {
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(null, cluster.kubeconfig(tmp, "synthetic").toFile())).build();
        Map<String, String> all = new HashMap<>(settings);
        all.put("page-size", String.valueOf(pageSize));
        KubernetesClusters clusters = new KubernetesClusters(KubernetesFixtures.properties("synthetic", all),
                Map.of("synthetic", client));
        List<KubernetesCheck> checks = List.of(new NodeConditionsCheck(clusters), new NodeAllocationCheck(clusters),
                new PodRestartsCheck(clusters), new PodOomCheck(clusters), new PodSchedulingCheck(clusters),
                new DeploymentAvailabilityCheck(clusters));
        Set<String> ids = Set.of(checks.stream().map(KubernetesCheck::id).toArray(String[]::new));
        CheckContext context = new CheckContext(RunScope.first(1L, NOW), checks.get(0).id(),
                new Target("synthetic", KubernetesClusters.KIND), ids);
        ClusterScan scan = clusters.scan(context);
        client.close();
        return new Run(scan);
    }

    private record Run(ClusterScan scan) {
        List<String> codes(String checkId) {
            return scan.problemsOf(checkId).stream().map(p -> p.code().code()).toList();
        }
    }
}
