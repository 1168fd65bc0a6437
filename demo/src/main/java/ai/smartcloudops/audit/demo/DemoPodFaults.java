package ai.smartcloudops.audit.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The demo's node usage, container and monitoring faults: a node running hot (metrics.k8s.io), a container near
 * its memory limit, a deployment without requests and limits, an image that cannot be pulled, a pod failing its
 * readiness probe and a monitoring stack without Elasticsearch, beside healthy nodes and pods. Two nodes of its
 * own carry its pods, so the estate's other nodes keep their faults unchanged.
 */
public final class DemoPodFaults {

    static final String NAMESPACE = "smartcloudops";
    static final String MONITORING = "smartcloudops-monitoring";

    /** The faulty objects, by the code each one should raise. */
    public static final Map<String, String> FAULTS = Map.of(
            "K8S-104", "Node/ip-10-0-4-40.ec2.internal",
            "K8S-204", "Pod/smartcloudops/smartcloudops-scheduler-7b8c9d0e1f-h3j4k",
            "K8S-205", "Deployment/smartcloudops/smartcloudops-notifier",
            "K8S-206", "Pod/smartcloudops/smartcloudops-ml-8c9d0e1f2a-p6q7r",
            "K8S-207", "Pod/smartcloudops/smartcloudops-gateway-4e5f6a7b8c-t5u6v",
            "K8S-208", "Component/smartcloudops-monitoring/elasticsearch",
            "K8S-209", "Pod/smartcloudops/smartcloudops-scheduler-7b8c9d0e1f-k5l6m");

    private static final String HOT = "ip-10-0-4-40.ec2.internal";
    private static final String COOL = "ip-10-0-4-41.ec2.internal";

    private DemoPodFaults() {
    }

    public static void seed(KubernetesClient client, Instant now) {
        node(client, HOT, "i-0a1b2c3d4e5f60040", "58");
        // its launch template caps the kubelet at --max-pods=7: the estate fills it (K8S-107, DemoEstate)
        node(client, COOL, "i-0a1b2c3d4e5f60041", "7");
        // batch jobs burst far past their requests: 3.6 of 4 CPUs in use
        create(client, new NodeMetricsBuilder().withNewMetadata().withName(HOT).endMetadata()
                .withTimestamp(now.toString()).addToUsage("cpu", new Quantity("3600m"))
                .addToUsage("memory", new Quantity("9Gi")).build());
        create(client, new NodeMetricsBuilder().withNewMetadata().withName(COOL).endMetadata()
                .withTimestamp(now.toString()).addToUsage("cpu", new Quantity("900m"))
                .addToUsage("memory", new Quantity("6Gi")).build());

        // a scheduler whose working set has grown to 97% of its 1Gi limit, and its other replica, which holds the
        // leader lease and works through the queue at 96% of its 500m CPU limit
        Container scheduler = new ContainerBuilder(complete("smartcloudops-scheduler", "1Gi")).editResources()
                .addToLimits("cpu", new Quantity("500m")).endResources().build();
        create(client, running(NAMESPACE, "smartcloudops-scheduler-7b8c9d0e1f-h3j4k", "smartcloudops-scheduler",
                "7b8c9d0e1f", HOT, scheduler, now));
        usage(client, NAMESPACE, "smartcloudops-scheduler-7b8c9d0e1f-h3j4k", "smartcloudops-scheduler", "150m", "993Mi",
                now);
        create(client, running(NAMESPACE, "smartcloudops-scheduler-7b8c9d0e1f-k5l6m", "smartcloudops-scheduler",
                "7b8c9d0e1f", COOL, scheduler, now));
        usage(client, NAMESPACE, "smartcloudops-scheduler-7b8c9d0e1f-k5l6m", "smartcloudops-scheduler", "480m", "410Mi",
                now);

        // a notifier deployed without any requests or limits: both replicas
        Container unbounded = new ContainerBuilder().withName("smartcloudops-notifier")
                .withImage("smartcloudops/smartcloudops-notifier:2.0.0").build();
        create(client, running(NAMESPACE, "smartcloudops-notifier-9d0e1f2a3b-w1x2y", "smartcloudops-notifier",
                "9d0e1f2a3b", HOT, unbounded, now));
        create(client, running(NAMESPACE, "smartcloudops-notifier-9d0e1f2a3b-z3a4b", "smartcloudops-notifier",
                "9d0e1f2a3b", COOL, unbounded, now));

        // a model server restarted on a node that no longer has its image, and the registry refuses the pull
        String image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/smartcloudops/ml:2.1.0-rc1";
        Pod ml = running(NAMESPACE, "smartcloudops-ml-8c9d0e1f2a-p6q7r", "smartcloudops-ml", "8c9d0e1f2a", COOL,
                new ContainerBuilder(complete("smartcloudops-ml", "2Gi")).withImage(image).build(), now);
        create(client, new PodBuilder(ml).editStatus().withConditions().addNewCondition().withType("Ready")
                .withStatus("False").withReason("ContainersNotReady")
                .withLastTransitionTime(now.minus(Duration.ofMinutes(18)).toString()).endCondition()
                .withContainerStatuses(new ContainerStatusBuilder().withName("smartcloudops-ml").withImage(image)
                        .withReady(false).withRestartCount(1).withNewState().withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"" + image + "\": pull access denied, repository does "
                                + "not exist or may require authorization")
                        .endWaiting().endState()
                        .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1)
                        .withFinishedAt(now.minus(Duration.ofMinutes(18)).toString()).endTerminated().endLastState()
                        .build())
                .endStatus().build());

        // a gateway whose health endpoint fails: running, never ready
        Container gateway = new ContainerBuilder(complete("smartcloudops-gateway", "512Mi"))
                .withNewReadinessProbe().withNewHttpGet().withPath("/api/health").withPort(new IntOrString(5000))
                .endHttpGet().withPeriodSeconds(10).endReadinessProbe().build();
        Pod unready = running(NAMESPACE, "smartcloudops-gateway-4e5f6a7b8c-t5u6v", "smartcloudops-gateway",
                "4e5f6a7b8c", COOL, gateway, now);
        create(client, new PodBuilder(unready).editStatus().withConditions().addNewCondition().withType("Ready")
                .withStatus("False").withReason("ContainersNotReady")
                .withMessage("containers with unready status: [smartcloudops-gateway]")
                .withLastTransitionTime(now.minus(Duration.ofMinutes(25)).toString()).endCondition()
                .withContainerStatuses(new ContainerStatusBuilder(unready.getStatus().getContainerStatuses().get(0))
                        .withReady(false).build())
                .endStatus().build());
        create(client, running(NAMESPACE, "smartcloudops-gateway-4e5f6a7b8c-q1r2s", "smartcloudops-gateway",
                "4e5f6a7b8c", HOT, gateway, now));

        // the monitoring stack: Prometheus and Fluentd up, Elasticsearch gone (its StatefulSet scaled to zero)
        create(client, monitoring("prometheus-6d7e8f9a0b-c3d4e", "prometheus", "ReplicaSet", "prometheus-6d7e8f9a0b",
                "6d7e8f9a0b", COOL, now));
        create(client, monitoring("fluentd-h7j8k", "fluentd", "DaemonSet", "fluentd", null, HOT, now));
        create(client, monitoring("fluentd-m9n0p", "fluentd", "DaemonSet", "fluentd", null, COOL, now));
    }

    private static void node(KubernetesClient client, String name, String instance, String maxPods) {
        create(client, new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("eks.amazonaws.com/nodegroup", "general")
                .addToLabels("topology.kubernetes.io/zone", "us-east-1b").endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1b/" + instance).endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("4")).addToAllocatable("memory", new Quantity("16Gi"))
                .addToAllocatable("pods", new Quantity(maxPods))
                .addToCapacity("cpu", new Quantity("4")).addToCapacity("memory", new Quantity("16Gi"))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastTransitionTime("2026-11-27T08:00:00Z")
                .endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("False")
                .withReason("KubeletHasSufficientMemory").withMessage("kubelet has sufficient memory available")
                .withLastTransitionTime("2026-11-27T08:00:00Z").endCondition()
                .endStatus().build());
    }

    /** A container with CPU and memory requests and a memory limit. */
    private static Container complete(String name, String memoryLimit) {
        return new ContainerBuilder().withName(name).withImage("smartcloudops/" + name + ":2.0.0")
                .withNewResources().addToRequests("cpu", new Quantity("200m"))
                .addToRequests("memory", new Quantity("256Mi")).addToLimits("memory", new Quantity(memoryLimit))
                .endResources().build();
    }

    /** A Running, Ready pod of ReplicaSet {@code app-hash} with one container. */
    private static Pod running(String namespace, String name, String app, String hash, String node,
                               Container container, Instant now) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app", app).addToLabels("pod-template-hash", hash)
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(app + "-" + hash)
                .withUid(app + "-" + hash).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(node).withContainers(container).endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withContainerStatuses(ready(container.getName(), now)).endStatus().build();
    }

    private static ContainerStatus ready(String container, Instant now) {
        return new ContainerStatusBuilder().withName(container).withReady(true).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt(now.minus(Duration.ofHours(6)).toString())
                .endRunning().endState().build();
    }

    private static Pod monitoring(String name, String component, String ownerKind, String owner, String hash,
                                  String node, Instant now) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(MONITORING)
                .addToLabels("app.kubernetes.io/name", component)
                .addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind).withName(owner)
                .withUid(owner).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(node).withContainers(complete(component, "1Gi")).endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withContainerStatuses(ready(component, now)).endStatus();
        if (hash != null) {
            pod.editMetadata().addToLabels("pod-template-hash", hash).endMetadata();
        }
        return pod.build();
    }

    private static void usage(KubernetesClient client, String namespace, String pod, String container, String cpu,
                              String memory, Instant now) {
        create(client, new PodMetricsBuilder().withNewMetadata().withName(pod).withNamespace(namespace).endMetadata()
                .withTimestamp(now.toString()).addNewContainer().withName(container)
                .addToUsage("cpu", new Quantity(cpu)).addToUsage("memory", new Quantity(memory)).endContainer()
                .build());
    }

    /** Creates the object, with its status when it has one. */
    private static <T extends HasMetadata> void create(KubernetesClient client, T object) {
        if (object instanceof NodeMetrics || object instanceof PodMetrics) { // metrics have no status
            client.resource(object).create();
        } else {
            DemoObjects.createWithStatus(client, object);
        }
    }
}
