package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.node;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.requesting;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeAllocationCheckTest {

    private static final String FULL = "ip-10-0-1-12.ec2.internal";
    private static final String ROOMY = "ip-10-0-1-10.ec2.internal";

    private KubernetesFixtures k8s;
    private NodeAllocationCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new NodeAllocationCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    /** A pod on a node whose containers request the given amounts. */
    private static Pod on(String node, String name, String cpu, String memory) {
        return pod("batch", name).editSpec().withNodeName(node)
                .withContainers(requesting("main", cpu, memory).build()).endSpec().build();
    }

    @Test
    void nodeOverThresholdIsK8s103NamingTheWorseResource() throws Exception {
        // allocatable 4000m / 8Gi: CPU 3600m = 90%, memory 6.5Gi = 81%
        k8s.create(node(FULL).editStatus().addToAllocatable("cpu", new Quantity("4"))
                        .addToAllocatable("memory", new Quantity("8Gi")).endStatus().build(),
                node(ROOMY).build());
        k8s.create(on(FULL, "a", "2", "4Gi"), on(FULL, "b", "1600m", "2560Mi"), on(ROOMY, "c", "100m", "128Mi"),
                // finished pods free their requests
                pod("batch", "done").editSpec().withNodeName(FULL)
                        .withContainers(requesting("main", "4", "8Gi").build()).endSpec()
                        .editStatus().withPhase("Succeeded").endStatus().build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-103");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Node", null, FULL));
            assertThat(f.title()).isEqualTo("Node " + FULL + " has CPU requests at 90% of allocatable");
            assertThat(f.detail()).isEqualTo("Pods on the node request 3600m of 4000m CPU (90%) and 6.5Gi "
                    + "of 8Gi memory (81%); threshold 90%.");
            assertThat(f.remediation())
                    .contains("kubectl describe node " + FULL + " | grep -A 5 \"Allocated resources\"")
                    .contains("--cluster-name prod --nodegroup-name general");
        });
    }

    @Test
    void initContainersAndOverheadCountAsTheKubeletCountsThem() throws Exception {
        k8s.create(node(FULL).editStatus().addToAllocatable("cpu", new Quantity("4"))
                .addToAllocatable("memory", new Quantity("16Gi")).endStatus().build());
        // containers 1000m; init container 3500m dominates; overhead 100m -> 3600m = 90%
        k8s.create(pod("batch", "migrate").editSpec().withNodeName(FULL)
                .withContainers(requesting("a", "500m", "1Gi").build(), requesting("b", "500m", "1Gi").build())
                .withInitContainers(requesting("init", "3500m", "1Gi").build())
                .addToOverhead("cpu", new Quantity("100m")).endSpec().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Node " + FULL + " has CPU requests at 90% of allocatable");
            assertThat(f.evidence()).containsEntry("cpuRequested", "3600m").containsEntry("memoryRequested", "2Gi");
        });
    }

    @Test
    void justBelowThresholdIsQuietAndMemoryCanBeTheWorse() throws Exception {
        k8s.create(node(FULL).editStatus().addToAllocatable("cpu", new Quantity("1"))
                        .addToAllocatable("memory", new Quantity("10Gi")).endStatus().build(),
                node(ROOMY).editStatus().addToAllocatable("cpu", new Quantity("1"))
                        .addToAllocatable("memory", new Quantity("10Gi")).endStatus().build());
        // FULL: cpu 899m = 89% (quiet alone), memory 9.5Gi = 95%; ROOMY: 899m and 8.9Gi -> 89%, quiet
        k8s.create(on(FULL, "a", "899m", "9728Mi"), on(ROOMY, "b", "899m", "9113Mi"));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo(FULL);
            assertThat(f.title()).isEqualTo("Node " + FULL + " has memory requests at 95% of allocatable");
            assertThat(f.evidence()).containsEntry("cpuPercent", "89").containsEntry("memoryAllocatable", "10Gi");
        });
    }

    @Test
    void nodeWithoutStatusAndPodsWithoutSpecDoNotBreakTheCheck() throws Exception {
        k8s.create(new NodeBuilder().withNewMetadata().withName(FULL).endMetadata()
                .build());
        k8s.create(new PodBuilder().withNewMetadata().withName("bare")
                .withNamespace(KubernetesFixtures.NAMESPACE).endMetadata().build());

        assertThat(KubernetesFixtures.run(check)).isEmpty();
    }
}
