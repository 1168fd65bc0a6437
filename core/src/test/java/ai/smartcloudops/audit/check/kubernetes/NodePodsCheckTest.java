package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.node;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodePodsCheckTest {

    private KubernetesFixtures k8s;
    private NodePodsCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new NodePodsCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void aNodeAt95PercentOfItsAllocatablePodsIsK8s107() throws Exception {
        k8s.create(node("full").editStatus().addToAllocatable("pods", new Quantity("20")).endStatus().build(),
                node("roomy").editStatus().addToAllocatable("pods", new Quantity("20")).endStatus().build(),
                // a value the API server took but no parser reads: not judged
                node("odd").editStatus().addToAllocatable("pods", new Quantity("lots")).endStatus().build());
        List<HasMetadata> pods = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            pods.add(pod("api", "full-" + i).editSpec().withNodeName("full").endSpec().build());
        }
        for (int i = 0; i < 18; i++) {
            pods.add(pod("api", "roomy-" + i).editSpec().withNodeName("roomy").endSpec().build());
        }
        // a finished pod holds no slot
        pods.add(pod("api", "roomy-done").editSpec().withNodeName("roomy").endSpec().editStatus()
                .withPhase("Succeeded").endStatus().build());
        pods.add(pod("api", "odd-0").editSpec().withNodeName("odd").endSpec().build());
        k8s.create(pods.toArray(HasMetadata[]::new));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-107");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Node", null, "full"));
            assertThat(f.title()).isEqualTo("Node full runs 19 of the 20 pods it allocates");
            assertThat(f.detail()).isEqualTo("95% of its pod capacity (threshold 95%): the scheduler places nothing "
                    + "more there, whatever CPU and memory are free.");
            assertThat(f.remediation()).contains("kubectl get pods --all-namespaces --field-selector "
                    + "spec.nodeName=full -o wide");
        });
    }
}
