package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.node;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.requesting;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrainCapacityCheckTest {

    private KubernetesFixtures k8s;
    private DrainCapacityCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new DrainCapacityCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static Node sized(String name, String cpu, String memory) {
        return node(name).editStatus().addToAllocatable("cpu", new Quantity(cpu))
                .addToAllocatable("memory", new Quantity(memory)).endStatus().build();
    }

    private static Pod on(String node, String name, String cpu, String memory) {
        return pod("api", name).editSpec().withNodeName(node)
                .withContainers(requesting("main", cpu, memory).build()).endSpec().build();
    }

    @Test
    void podsThatDoNotFitOnTheNodesLeftWithoutTheLargestAreK8s106() throws Exception {
        k8s.create(sized("large", "8", "32Gi"), sized("small-a", "4", "16Gi"), sized("small-b", "4", "16Gi"),
                // cordoned and NotReady nodes take no pod: they do not count as room
                node("cordoned").editSpec().withUnschedulable(true).endSpec().editStatus()
                        .addToAllocatable("cpu", new Quantity("16")).addToAllocatable("memory", new Quantity("64Gi"))
                        .endStatus().build());
        // 9 CPU and 20Gi requested on schedulable nodes; without "large", 8 CPU and 32Gi stay
        k8s.create(on("large", "a", "5", "10Gi"), on("small-a", "b", "2", "5Gi"), on("small-b", "c", "2", "5Gi"),
                // the DaemonSet pod of the node that goes goes with it
                daemon("large", "fluentd-large", "500m", "1Gi"), daemon("small-a", "fluentd-a", "500m", "1Gi"),
                on("cordoned", "d", "8", "8Gi"));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-106");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Cluster", null, "prod"));
            assertThat(f.title()).isEqualTo("Cluster prod cannot reschedule the pods of its largest node large");
            assertThat(f.detail()).isEqualTo("Without large, the pods of the 2 other schedulable nodes and those it "
                    + "runs need 9500m requested against 8000m allocatable CPU and 21Gi requested against 32Gi "
                    + "allocatable memory: CPU is short by 1500m. Draining it for maintenance, or losing it, leaves "
                    + "pods Pending.");
            assertThat(f.remediation()).contains("kubectl describe node large")
                    .contains("aws eks describe-nodegroup --cluster-name prod --nodegroup-name general");
        });
    }

    @Test
    void podsThatFitAreQuietAndABareNodeOrPodBreaksNothing() throws Exception {
        k8s.create(sized("large", "8", "32Gi"), sized("small-a", "4", "16Gi"), sized("small-b", "4", "16Gi"),
                new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("bare").endMetadata()
                        .build());
        k8s.create(on("large", "a", "4", "10Gi"), on("small-a", "b", "2", "5Gi"), on("small-b", "c", "2", "5Gi"),
                new PodBuilder().withNewMetadata().withName("bare").withNamespace("smartcloudops").endMetadata()
                        .build());

        assertThat(KubernetesFixtures.run(check)).isEmpty();
    }

    private static Pod daemon(String node, String name, String cpu, String memory) {
        return new PodBuilder(on(node, name, cpu, memory)).editMetadata().withOwnerReferences()
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("DaemonSet").withName("fluentd")
                .withUid("uid-fluentd").withController(true).endOwnerReference().endMetadata().build();
    }
}
