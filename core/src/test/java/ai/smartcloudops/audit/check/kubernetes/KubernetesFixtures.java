package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.SeverityPolicy;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A real fabric8 CRUD mock API server holding one cluster, "prod", and builders for the objects the checks
 * read. Builders return fabric8 builders so a test adds only what its case needs.
 */
final class KubernetesFixtures implements AutoCloseable {

    static final String CLUSTER = "prod";
    static final String NAMESPACE = "smartcloudops";
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    static final String INSTANCE = "i-0abc123def4567890";
    static final String SINCE = "2026-05-01T10:00:00Z";

    final KubernetesMockServer server;
    final KubernetesClient client;

    private KubernetesFixtures(boolean expectations) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, expectations
                ? new KubernetesMixedDispatcher(responses) : new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
    }

    static KubernetesFixtures start() {
        return new KubernetesFixtures(false);
    }

    /** A server that answers what the test sets with {@code server.expect()}, and keeps objects like the other. */
    static KubernetesFixtures withExpectations() {
        return new KubernetesFixtures(true);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /** Stores objects as a real API server would (it stamps creationTimestamp with the server's clock). */
    @SafeVarargs
    final <T extends HasMetadata> List<T> create(T... objects) {
        return Arrays.stream(objects).map(o -> client.resource(o).create()).toList();
    }

    KubernetesClusters clusters() {
        return clusters(null, null, null);
    }

    KubernetesClusters clusters(Integer restartThreshold, Integer allocatedPercentThreshold, Duration pendingGrace) {
        Map<String, String> settings = new HashMap<>();
        if (restartThreshold != null) {
            settings.put("restart-threshold", restartThreshold.toString());
        }
        if (allocatedPercentThreshold != null) {
            settings.put("allocated-percent-threshold", allocatedPercentThreshold.toString());
        }
        if (pendingGrace != null) {
            settings.put("pending-grace", pendingGrace.toString());
        }
        return clusters(settings);
    }

    /** The "prod" cluster on this server, with health-audit.kubernetes.* settings as configuration has them. */
    KubernetesClusters clusters(Map<String, String> settings) {
        return new KubernetesClusters(properties(CLUSTER, settings), Map.of(CLUSTER, client));
    }

    /** Kubernetes properties bound as from configuration: one cluster and the given settings, defaults elsewhere. */
    static KubernetesProperties properties(String cluster, Map<String, String> settings) {
        Map<String, String> source = new HashMap<>();
        source.put("health-audit.kubernetes.clusters[0].name", cluster);
        settings.forEach((key, value) -> source.put("health-audit.kubernetes." + key, value));
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.kubernetes", KubernetesProperties.class);
    }

    static CheckContext context(Check check) {
        return context(check, NOW, new ConcurrentHashMap<>());
    }

    static CheckContext context(Check check, Instant now, ConcurrentMap<Object, Object> shared) {
        return context(check, now, shared, Set.of(check.id()));
    }

    /** A context of a run in which the given checks audit the cluster together. */
    static CheckContext context(Check check, Instant now, ConcurrentMap<Object, Object> shared,
                                Set<String> checksOnTarget) {
        return context(check, now, shared, checksOnTarget, Samples.none());
    }

    /** A context of a run at {@code now} that sees these samples of earlier runs. */
    static CheckContext context(Check check, Instant now, Samples samples) {
        return context(check, now, new ConcurrentHashMap<>(), Set.of(check.id()), samples);
    }

    private static CheckContext context(Check check, Instant now, ConcurrentMap<Object, Object> shared,
                                        Set<String> checksOnTarget, Samples samples) {
        return new CheckContext(new RunScope(1L, now, SeverityPolicy.DEFAULTS, shared, fingerprint -> Optional.empty(),
                samples),
                check.id(), new Target(CLUSTER, KubernetesClusters.KIND), checksOnTarget);
    }

    /** What the checks find, run together as a sweep runs them: code → Kind/namespace/name. */
    static Map<String, String> faults(List<KubernetesCheck> checks, Instant now) throws Exception {
        return faults(checks, new ConcurrentHashMap<>(), now,
                checks.stream().map(KubernetesCheck::id).collect(Collectors.toSet()));
    }

    /** The same with the listing {@code shared} among {@code ids}; a code raised twice shows both, and so fails. */
    static Map<String, String> faults(List<KubernetesCheck> checks, ConcurrentMap<Object, Object> shared, Instant now,
                                      Set<String> ids) throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (KubernetesCheck check : checks) {
            findings.addAll(context(check, now, shared, ids).findings(check));
        }
        return findings.stream().collect(Collectors.toMap(f -> f.code().code(), f -> f.resource().path(),
                (a, b) -> a + " and " + b, TreeMap::new));
    }

    static List<Finding> run(Check check) throws Exception {
        return context(check).findings(check);
    }

    // --- nodes

    static NodeBuilder node(String name) {
        return new NodeBuilder()
                .withNewMetadata().withName(name)
                .addToLabels("eks.amazonaws.com/nodegroup", "general").endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1a/" + INSTANCE).endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("3920m"))
                .addToAllocatable("memory", new Quantity("15Gi"))
                .addToAllocatable("pods", new Quantity("58"))
                .withConditions(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "ok"),
                        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "ok"),
                        condition("PIDPressure", "False", "KubeletHasSufficientPID", "ok"))
                .endStatus();
    }

    static NodeCondition condition(String type, String status, String reason, String message) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(SINCE).build();
    }

    // --- pods

    /** A running pod of deployment {@code app} with one ready container named after the app. */
    static PodBuilder pod(String app, String name) {
        String hash = "5d8f7c9b6d";
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels("app", app).addToLabels("pod-template-hash", hash)
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName(app + "-" + hash).withUid("uid-" + app).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName("ip-10-0-1-12.ec2.internal")
                .withContainers(new ContainerBuilder().withName(app).withImage("smartcloudops/" + app + ":1.0")
                        .build())
                .endSpec()
                .withNewStatus().withPhase("Running")
                .withContainerStatuses(running(app, 0))
                .endStatus();
    }

    static ContainerStatus running(String container, int restarts) {
        return new ContainerStatusBuilder().withName(container).withReady(true).withRestartCount(restarts)
                .withNewState().withNewRunning().withStartedAt(SINCE).endRunning().endState().build();
    }

    static ContainerBuilder requesting(String name, String cpu, String memory) {
        ContainerBuilder container = new ContainerBuilder().withName(name).withImage("busybox");
        return container.withNewResources()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory))
                .endResources();
    }

    // --- deployments

    static DeploymentBuilder deployment(String name, int replicas, int available) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", name)
                .addToMatchLabels("tier", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", name)
                .addToLabels("tier", "web").endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("smartcloudops/" + name + ":1.0")
                .endContainer().endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(available).withAvailableReplicas(available)
                .withUpdatedReplicas(replicas)
                .withUnavailableReplicas(replicas - available > 0 ? replicas - available : null)
                .endStatus();
    }
}
