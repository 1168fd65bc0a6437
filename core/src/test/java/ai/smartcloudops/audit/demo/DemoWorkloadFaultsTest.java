package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.kubernetes.CriticalDeploymentsCheck;
import ai.smartcloudops.audit.check.kubernetes.CronJobCheck;
import ai.smartcloudops.audit.check.kubernetes.DaemonSetCheck;
import ai.smartcloudops.audit.check.kubernetes.DeploymentAvailabilityCheck;
import ai.smartcloudops.audit.check.kubernetes.HpaMaxCheck;
import ai.smartcloudops.audit.check.kubernetes.KubernetesClusters;
import ai.smartcloudops.audit.check.kubernetes.KubernetesProperties;
import ai.smartcloudops.audit.check.kubernetes.NodeAllocationCheck;
import ai.smartcloudops.audit.check.kubernetes.NodeConditionsCheck;
import ai.smartcloudops.audit.check.kubernetes.PodDisruptionBudgetCheck;
import ai.smartcloudops.audit.check.kubernetes.PodOomCheck;
import ai.smartcloudops.audit.check.kubernetes.PodRestartsCheck;
import ai.smartcloudops.audit.check.kubernetes.PodSchedulingCheck;
import ai.smartcloudops.audit.check.kubernetes.RolloutCheck;
import ai.smartcloudops.audit.finding.Finding;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The workload faults seeded alone raise exactly FAULTS, from every Kubernetes check there is. */
class DemoWorkloadFaultsTest {

    private static final String CLUSTER = "demo";
    private static final Instant NOW = Instant.parse("2026-11-28T09:17:00Z");

    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void theSeedRaisesExactlyItsFaults() throws Exception {
        seedWithTheEstatesApi();

        assertThat(audit(DemoWorkloadFaults.CRITICAL_DEPLOYMENTS))
                .isEqualTo(new TreeMap<>(DemoWorkloadFaults.FAULTS));
    }

    @Test
    void withTheDefaultCriticalDeploymentsK8s303NeedsTheDemoSetting() throws Exception {
        seedWithTheEstatesApi();

        Map<String, String> expected = new TreeMap<>(DemoWorkloadFaults.FAULTS);
        expected.remove("K8S-303");
        assertThat(audit(null)).isEqualTo(expected);
    }

    /** The seed, beside the estate's smartcloudops-api with its 2 ready replicas (healthy here). */
    private void seedWithTheEstatesApi() {
        DemoWorkloadFaults.seed(client, NOW);
        client.resource(new DeploymentBuilder().withNewMetadata().withName("smartcloudops-api")
                .withNamespace("smartcloudops").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "smartcloudops-api")
                .endSelector().endSpec()
                .withNewStatus().withReplicas(2).withReadyReplicas(2).withAvailableReplicas(2).withUpdatedReplicas(2)
                .endStatus().build()).create();
    }

    private Map<String, String> audit(String criticalDeployments) throws Exception {
        Path kubeconfig = LocalKubeconfig.write(dir.resolve("kubeconfig"), CLUSTER, server.url("/"));
        Map<String, String> source = new HashMap<>();
        source.put("health-audit.kubernetes.clusters[0].name", CLUSTER);
        source.put("health-audit.kubernetes.clusters[0].kubeconfig", kubeconfig.toString());
        source.put("health-audit.kubernetes.clusters[0].context", CLUSTER);
        if (criticalDeployments != null) {
            source.put("health-audit.kubernetes.critical-deployments", criticalDeployments);
        }
        KubernetesProperties properties = new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.kubernetes", KubernetesProperties.class);
        KubernetesClusters clusters = new KubernetesClusters(properties);
        try {
            List<Check> checks = List.of(new NodeConditionsCheck(clusters), new NodeAllocationCheck(clusters),
                    new PodRestartsCheck(clusters), new PodOomCheck(clusters), new PodSchedulingCheck(clusters),
                    new DeploymentAvailabilityCheck(clusters), new RolloutCheck(clusters),
                    new CriticalDeploymentsCheck(clusters), new HpaMaxCheck(clusters),
                    new PodDisruptionBudgetCheck(clusters), new DaemonSetCheck(clusters), new CronJobCheck(clusters));
            Set<String> ids = checks.stream().map(Check::id).collect(Collectors.toSet());
            ConcurrentHashMap<Object, Object> shared = new ConcurrentHashMap<>();
            List<Finding> findings = new ArrayList<>();
            for (Check check : checks) {
                findings.addAll((new CheckContext(new RunScope(1L, NOW, SeverityPolicy.DEFAULTS, shared,
                        fingerprint -> Optional.empty(), Samples.none()), check.id(), clusters.targets().get(0), ids)).findings(check));
            }
            assertThat(findings).extracting(f -> f.code().code()).doesNotHaveDuplicates();
            Map<String, String> byCode = new TreeMap<>();
            findings.forEach(f -> byCode.put(f.code().code(), f.resource().kind() + "/"
                    + (f.resource().namespace() == null ? "" : f.resource().namespace() + "/") + f.resource().name()));
            return byCode;
        } finally {
            clusters.destroy();
        }
    }
}
