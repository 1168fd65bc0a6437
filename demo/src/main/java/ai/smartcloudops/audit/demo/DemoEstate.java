package ai.smartcloudops.audit.demo;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local estate with injected faults: a real Kubernetes API (the fabric8 CRUD mock server) seeded with a
 * cluster that has a NotReady node, a node under memory pressure, an overcommitted node, a node left cordoned, a
 * CrashLoopBackOff pod, an OOMKilled pod, a Pending pod and a deployment with unavailable replicas, beside healthy
 * resources.
 * The audit reaches it through a kubeconfig, exactly as it reaches a production cluster.
 */
public final class DemoEstate implements DemoPart {

    public static final String CLUSTER = "smartcloudops-demo";
    public static final String NAMESPACE = "smartcloudops";

    private static final Map<String, String> NODE_AND_POD_FAULTS = Map.of(
            "K8S-101", "Node/ip-10-0-2-21.ec2.internal",
            "K8S-102", "Node/ip-10-0-2-22.ec2.internal",
            "K8S-103", "Node/ip-10-0-3-30.ec2.internal",
            "K8S-105", "Node/ip-10-0-1-11.ec2.internal",
            "K8S-106", "Cluster/" + CLUSTER,
            "K8S-107", "Node/ip-10-0-4-41.ec2.internal",
            "K8S-201", "Pod/smartcloudops/smartcloudops-api-7d9f8b6c5d-x2k9p",
            "K8S-202", "Pod/smartcloudops/smartcloudops-worker-5c6d7e8f9b-q7w3e",
            "K8S-203", "Pod/smartcloudops/smartcloudops-reports-6b7c8d9e0f-m4n5p",
            "K8S-301", "Deployment/smartcloudops/smartcloudops-api");

    /** The mock server logs every request through java.util.logging; the demo shows only its warnings. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private static final Map<String, String> EVENT_FAULTS = Map.of(
            "K8S-601", "Pod/smartcloudops/smartcloudops-reports-6b7c8d9e0f-m4n5p",
            "K8S-602", "Pod/smartcloudops/smartcloudops-api-7d9f8b6c5d-x2k9p",
            "K8S-603", "Pod/smartcloudops/smartcloudops-api-7d9f8b6c5d-fghij",
            "K8S-604", "Pod/smartcloudops/smartcloudops-batch-5a6b7c8d9e-r8s9t",
            "K8S-605", "Pod/smartcloudops/smartcloudops-batch-5a6b7c8d9e-evct1",
            "K8S-606", "Node/ip-10-0-2-22.ec2.internal");

    /** Faults the estate waives by annotation: still reported, marked waived, never escalated. */
    public static final Map<String, String> WAIVED = Map.of(
            "K8S-205", "Deployment/smartcloudops/smartcloudops-notifier");

    /** The faulty objects, by the code each one should raise. */
    public static final Map<String, String> FAULTS = faults();

    private static Map<String, String> faults() {
        Map<String, String> all = new java.util.TreeMap<>(NODE_AND_POD_FAULTS);
        all.putAll(EVENT_FAULTS);
        all.putAll(DemoPodFaults.FAULTS);
        all.putAll(DemoWorkloadFaults.FAULTS);
        all.putAll(DemoNetworkFaults.FAULTS);
        all.putAll(DemoStorageFaults.FAULTS);
        return java.util.Collections.unmodifiableMap(all);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    private DemoEstate(KubernetesMockServer server, Path kubeconfig) {
        this.server = server;
        this.client = server.createClient();
        this.kubeconfig = kubeconfig;
    }

    public static DemoEstate start(Clock clock) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try {
            Path kubeconfig = LocalKubeconfig.write(Files.createTempFile("health-audit-demo-", ".kubeconfig"),
                    CLUSTER, server.url("/"));
            DemoEstate estate = new DemoEstate(server, kubeconfig);
            estate.seed(clock.instant());
            return estate;
        } catch (IOException e) {
            server.destroy();
            throw new UncheckedIOException("cannot write the demo kubeconfig", e);
        }
    }

    /**
     * Spring arguments that point the audit at this estate. The API server stamps every object's creation time,
     * so the estate's pods are seconds old: the demo audits Pending pods without the usual grace period.
     */
    @Override
    public List<String> properties() {
        return List.of(
                "--health-audit.kubernetes.clusters[0].name=" + CLUSTER,
                "--health-audit.kubernetes.clusters[0].kubeconfig=" + kubeconfig,
                "--health-audit.kubernetes.clusters[0].context=" + CLUSTER,
                "--health-audit.kubernetes.pending-grace=0s",
                "--health-audit.kubernetes.critical-deployments=" + DemoWorkloadFaults.CRITICAL_DEPLOYMENTS);
    }

    /** The kubeconfig that reaches the estate, with context {@link #CLUSTER}. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The estate's API, to change it between runs. */
    public KubernetesClient client() {
        return client;
    }

    private void seed(Instant now) {
        node("ip-10-0-1-10.ec2.internal", "i-0a1b2c3d4e5f60010", "4", "16Gi", "True", false);
        node("ip-10-0-1-11.ec2.internal", "i-0a1b2c3d4e5f60011", "4", "16Gi", "True", false);
        node("ip-10-0-2-21.ec2.internal", "i-0a1b2c3d4e5f60021", "4", "16Gi", "Unknown", false);
        node("ip-10-0-2-22.ec2.internal", "i-0a1b2c3d4e5f60022", "4", "16Gi", "True", true);
        node("ip-10-0-3-30.ec2.internal", "i-0a1b2c3d4e5f60030", "2", "8Gi", "True", false);
        // cordoned for last week's kernel patching and never returned to service
        client.nodes().withName("ip-10-0-1-11.ec2.internal").edit(n -> new NodeBuilder(n).editSpec()
                .withUnschedulable(true).addNewTaint().withKey("node.kubernetes.io/unschedulable")
                .withEffect("NoSchedule").endTaint().endSpec().build());

        deployment("smartcloudops-api", 3, 2);
        deployment("smartcloudops-frontend", 2, 2);

        running("smartcloudops-api-7d9f8b6c5d-abcde", "smartcloudops-api", "7d9f8b6c5d",
                "ip-10-0-1-10.ec2.internal", "500m", "1Gi", now, 0, null);
        running("smartcloudops-api-7d9f8b6c5d-fghij", "smartcloudops-api", "7d9f8b6c5d",
                "ip-10-0-1-11.ec2.internal", "500m", "1Gi", now, 1, null);
        running("smartcloudops-frontend-6f7a8b9c0d-k1l2m", "smartcloudops-frontend", "6f7a8b9c0d",
                "ip-10-0-1-11.ec2.internal", "250m", "512Mi", now, 0, null);
        running("smartcloudops-batch-5a6b7c8d9e-r8s9t", "smartcloudops-batch", "5a6b7c8d9e",
                "ip-10-0-3-30.ec2.internal", "1900m", "3Gi", now, 0, null);
        // crash-looping replica of the API
        create(new PodBuilder(pod("smartcloudops-api-7d9f8b6c5d-x2k9p", "smartcloudops-api", "7d9f8b6c5d",
                "ip-10-0-2-22.ec2.internal", "500m", "1Gi", now.minus(Duration.ofHours(3))))
                .editStatus().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
                        .withName("smartcloudops-api").withReady(false).withRestartCount(14)
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 5m0s restarting failed container").endWaiting().endState()
                        .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1)
                        .withFinishedAt(now.minus(Duration.ofMinutes(4)).toString()).endTerminated().endLastState()
                        .build()).endStatus().build());
        // a worker killed by the kernel for exceeding its memory limit
        running("smartcloudops-worker-5c6d7e8f9b-q7w3e", "smartcloudops-worker", "5c6d7e8f9b",
                "ip-10-0-1-10.ec2.internal", "250m", "512Mi", now, 3, now.minus(Duration.ofMinutes(42)));
        // a report generator that no node can fit
        create(new PodBuilder(pod("smartcloudops-reports-6b7c8d9e0f-m4n5p", "smartcloudops-reports", "6b7c8d9e0f",
                null, "1", "24Gi", now.minus(Duration.ofMinutes(37))))
                .editStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable")
                .withMessage("0/5 nodes are available: 1 node(s) had untolerated taint "
                        + "{node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable, 3 Insufficient memory.")
                .withLastTransitionTime(now.minus(Duration.ofMinutes(37)).toString()).endCondition().endStatus()
                .build());
        events(now);
        DemoPodFaults.seed(client, now);
        // the analytics workers reserve most of four nodes' memory, each node under the allocation threshold: with a
        // node NotReady and one cordoned, the rest cannot take the pods of the largest (K8S-106)
        Map.of("b7c1d", "ip-10-0-1-10.ec2.internal", "e2f3g", "ip-10-0-2-22.ec2.internal",
                "h4i5j", "ip-10-0-4-40.ec2.internal", "k6l7m", "ip-10-0-4-41.ec2.internal").forEach((suffix, node) ->
                running("smartcloudops-analytics-3c4d5e6f7a-" + suffix, "smartcloudops-analytics", "3c4d5e6f7a", node,
                        "250m", "12800Mi", now, 0, null));
        DemoWorkloadFaults.seed(client, now);
        DemoNetworkFaults.seed(client, now);
        DemoStorageFaults.seed(client, now);
        // the notifier's missing limits are a known, owned exception
        client.apps().deployments().inNamespace(NAMESPACE).withName("smartcloudops-notifier").edit(d ->
                new DeploymentBuilder(d).editMetadata()
                        .addToAnnotations("health-audit.smartcloudops.ai/waive", "K8S-205")
                        .addToAnnotations("health-audit.smartcloudops.ai/waive-reason",
                                "limits follow the notifier rewrite; owner platform-team, until 2027-01-31")
                        .endMetadata().build());
    }

    /** Warning events of the last hours, as the kubelet and the scheduler report them. */
    private void events(Instant now) {
        event("reports-unschedulable", "FailedScheduling", 12, now.minus(Duration.ofMinutes(3)), "Pod",
                NAMESPACE, "smartcloudops-reports-6b7c8d9e0f-m4n5p",
                "0/5 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, "
                        + "1 node(s) were unschedulable, 3 Insufficient memory.");
        event("api-backoff", "BackOff", 41, now.minus(Duration.ofMinutes(4)), "Pod", NAMESPACE,
                "smartcloudops-api-7d9f8b6c5d-x2k9p", "Back-off restarting failed container smartcloudops-api in "
                        + "pod smartcloudops-api-7d9f8b6c5d-x2k9p");
        event("api-unhealthy", "Unhealthy", 6, now.minus(Duration.ofMinutes(20)), "Pod", NAMESPACE,
                "smartcloudops-api-7d9f8b6c5d-fghij", "Readiness probe failed: HTTP probe failed with "
                        + "statuscode: 503");
        event("batch-failedmount", "FailedMount", 3, now.minus(Duration.ofHours(2)), "Pod", NAMESPACE,
                "smartcloudops-batch-5a6b7c8d9e-r8s9t", "MountVolume.SetUp failed for volume \"reports\" : "
                        + "configmap \"smartcloudops-reports\" not found");
        event("batch-evicted", "Evicted", 1, now.minus(Duration.ofHours(5)), "Pod", NAMESPACE,
                "smartcloudops-batch-5a6b7c8d9e-evct1", "The node was low on resource: memory. Threshold "
                        + "quantity: 100Mi, available: 87Mi.");
        event("node-oomkilling", "OOMKilling", 2, now.minus(Duration.ofMinutes(42)), "Node", null,
                "ip-10-0-2-22.ec2.internal", "Memory cgroup out of memory: Killed process 4242 (python) "
                        + "total-vm:2097152kB");
    }

    private void event(String name, String reason, int count, Instant last, String kind, String namespace,
                       String object, String message) {
        client.resource(new EventBuilder().withNewMetadata().withName(name)
                        .withNamespace(namespace == null ? "default" : namespace).endMetadata()
                .withType("Warning").withReason(reason).withCount(count).withLastTimestamp(last.toString())
                .withMessage(message).withNewInvolvedObject().withKind(kind).withNamespace(namespace)
                .withName(object).endInvolvedObject().build()).create();
    }

    private void node(String name, String instance, String cpu, String memory, String ready,
                      boolean underPressure) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("eks.amazonaws.com/nodegroup", "general")
                .addToLabels("topology.kubernetes.io/zone", "us-east-1a").endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1a/" + instance).endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity(cpu)).addToAllocatable("memory", new Quantity(memory))
                .addToAllocatable("pods", new Quantity("58"))
                .addToCapacity("cpu", new Quantity(cpu)).addToCapacity("memory", new Quantity(memory))
                .addNewCondition().withType("Ready").withStatus(ready)
                .withReason("True".equals(ready) ? "KubeletReady" : "NodeStatusUnknown")
                .withMessage("True".equals(ready) ? "kubelet is posting ready status"
                        : "Kubelet stopped posting node status.")
                .withLastTransitionTime("2026-11-28T01:12:00Z").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus(underPressure ? "True" : "False")
                .withReason(underPressure ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory")
                .withMessage(underPressure ? "kubelet has insufficient memory available"
                        : "kubelet has sufficient memory available")
                .withLastTransitionTime("2026-11-28T02:40:00Z").endCondition()
                .endStatus();
        create(node.build());
    }

    private void deployment(String name, int replicas, int available) {
        boolean degraded = available < replicas;
        DeploymentStatus status = new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(available)
                .withAvailableReplicas(available).withUpdatedReplicas(replicas)
                .withUnavailableReplicas(degraded ? replicas - available : null)
                .addNewCondition().withType("Available").withStatus(degraded ? "False" : "True")
                .withReason(degraded ? "MinimumReplicasUnavailable" : "MinimumReplicasAvailable")
                .withMessage(degraded ? "Deployment does not have minimum availability."
                        : "Deployment has minimum availability.")
                .endCondition().build();
        create(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(name).withImage("smartcloudops/" + name + ":2.0.0").endContainer()
                .endSpec().endTemplate().endSpec()
                .withStatus(status).build());
    }

    private void running(String name, String app, String hash, String node, String cpu, String memory, Instant now,
                         int restarts, Instant oomKilledAt) {
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(app).withReady(true)
                .withRestartCount(restarts).withNewState().withNewRunning()
                .withStartedAt(now.minus(Duration.ofMinutes(30)).toString()).endRunning().endState();
        if (oomKilledAt != null) {
            status.withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                    .withFinishedAt(oomKilledAt.toString()).endTerminated().endLastState();
        }
        ContainerStatus container = status.build();
        create(new PodBuilder(pod(name, app, hash, node, cpu, memory, now.minus(Duration.ofDays(2))))
                .editStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withContainerStatuses(container).endStatus().build());
    }

    private static Pod pod(String name, String app, String hash, String node, String cpu, String memory,
                           Instant created) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withCreationTimestamp(created.toString())
                .addToLabels("app", app).addToLabels("pod-template-hash", hash)
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(app + "-" + hash)
                .withUid(app + "-" + hash).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName(app)
                .withImage("smartcloudops/" + app + ":2.0.0").withNewResources()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory))
                .addToLimits("memory", new Quantity(memory)).endResources().endContainer().endSpec()
                .withNewStatus().endStatus().build();
    }

    private void create(HasMetadata object) {
        DemoObjects.createWithStatus(client, object);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
        try {
            Files.deleteIfExists(kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }
}
