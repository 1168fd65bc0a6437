package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.condition;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeConditionsCheckTest {

    private static final String NODE = "ip-10-0-1-12.ec2.internal";

    private KubernetesFixtures k8s;
    private NodeConditionsCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new NodeConditionsCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void notReadyNodeIsK8s101AndHealthyNodeIsQuiet() throws Exception {
        k8s.create(node("ip-10-0-1-10.ec2.internal").build(),
                node(NODE).editStatus().withConditions(
                        condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."))
                        .endStatus().build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.code().code()).isEqualTo("K8S-101");
        assertThat(f.severity()).isEqualTo(Severity.P1);
        assertThat(f.resource()).isEqualTo(new Resource("Node", null, NODE));
        assertThat(f.title()).isEqualTo("Node " + NODE + " is NotReady");
        assertThat(f.detail()).isEqualTo("Ready is Unknown since 2026-05-01T10:00:00Z "
                + "(NodeStatusUnknown: Kubelet stopped posting node status.).");
        assertThat(f.remediation())
                .contains("kubectl describe node " + NODE)
                .contains("aws ec2 describe-instances --instance-ids i-0abc123def4567890 ")
                .contains("kubectl drain " + NODE + " --ignore-daemonsets --delete-emptydir-data")
                .contains("kubectl delete node " + NODE);
        assertThat(f.evidence()).containsEntry("status", "Unknown").containsEntry("instanceId", "i-0abc123def4567890");
    }

    @Test
    void pressuresOfOneNodeAreOneK8s102() throws Exception {
        k8s.create(node(NODE).editStatus().withConditions(
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                condition("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory"),
                condition("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure"),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "ok")).endStatus().build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-102");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Node", null, NODE));
            assertThat(f.title()).isEqualTo("Node " + NODE + " reports MemoryPressure, DiskPressure");
            assertThat(f.detail()).startsWith("MemoryPressure, DiskPressure reported True since 2026-05-01T10:00:00Z "
                    + "(KubeletHasInsufficientMemory, KubeletHasDiskPressure: ");
            assertThat(f.remediation()).contains("kubectl describe node " + NODE)
                    .contains("kubectl drain " + NODE + " --ignore-daemonsets --delete-emptydir-data");
        });
    }

    @Test
    void nodeWithoutStatusIsNotReadyAndDoesNotBreakTheCheck() throws Exception {
        k8s.create(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build(),
                node("ip-10-0-1-10.ec2.internal").build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-101");
            assertThat(f.title()).isEqualTo("Node " + NODE + " is NotReady");
            assertThat(f.detail()).isEqualTo("Ready is Unknown since unknown "
                    + "(NotReported: the kubelet has not posted a Ready condition).");
            assertThat(f.remediation()).contains("--instance-ids '<instance-id>'");
        });
    }
}
