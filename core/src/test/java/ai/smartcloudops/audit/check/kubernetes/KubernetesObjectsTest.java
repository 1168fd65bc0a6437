package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class KubernetesObjectsTest {

    @Test
    void quantitiesAreFormattedAsMillicoresAndBinaryUnits() {
        assertThat(KubernetesObjects.formatMillicores(KubernetesObjects.millicores(new Quantity("3.5"))))
                .isEqualTo("3500m");
        assertThat(KubernetesObjects.formatMillicores(KubernetesObjects.millicores(new Quantity("250m"))))
                .isEqualTo("250m");
        assertThat(KubernetesObjects.formatBytes(KubernetesObjects.bytes(new Quantity("6656Mi")))).isEqualTo("6.5Gi");
        assertThat(KubernetesObjects.formatBytes(KubernetesObjects.bytes(new Quantity("512Mi")))).isEqualTo("512Mi");
        assertThat(KubernetesObjects.formatBytes(KubernetesObjects.bytes(new Quantity("1G")))).isEqualTo("953.7Mi");
        assertThat(KubernetesObjects.formatBytes(BigDecimal.valueOf(100))).isEqualTo("100");
        assertThat(KubernetesObjects.bytes(new Quantity("not-a-quantity"))).isZero();
    }

    @Test
    void workloadIsNamedAsKubectlNamesIt() {
        assertThat(KubernetesObjects.workload(owned("ReplicaSet", "api-5d8f7c9b6d", "5d8f7c9b6d")))
                .isEqualTo("deployment/api");
        assertThat(KubernetesObjects.workload(owned("ReplicaSet", "api-7c9b", "5d8f7c9b6d")))
                .isEqualTo("replicaset/api-7c9b");
        assertThat(KubernetesObjects.workload(owned("StatefulSet", "redis", null))).isEqualTo("statefulset/redis");
        assertThat(KubernetesObjects.workload(new PodBuilder().withNewMetadata().withName("solo").endMetadata()
                .build())).isEqualTo("pod/solo");
    }

    @Test
    void nodeIdentifiersFallBackToPlaceholders() {
        assertThat(KubernetesObjects.instanceId(new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1a/i-0abc").endSpec().build())).isEqualTo("i-0abc");
        var bare = new NodeBuilder().withNewMetadata().withName("n").endMetadata().build();
        assertThat(KubernetesObjects.instanceId(bare)).isEqualTo("<instance-id>");
        assertThat(KubernetesObjects.nodegroup(bare)).isEqualTo("<nodegroup>");
    }

    private static Pod owned(String kind, String owner, String hash) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("p").addNewOwnerReference().withKind(kind)
                .withName(owner).withController(true).endOwnerReference().endMetadata();
        if (hash != null) {
            pod.editMetadata().addToLabels("pod-template-hash", hash).endMetadata();
        }
        return pod.build();
    }
}
