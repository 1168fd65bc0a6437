package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeUsageCheckTest {

    private KubernetesFixtures k8s;
    private NodeUsageCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new NodeUsageCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    /** Usage as metrics-server reports it; the nodes' allocatable is 3920m CPU and 15Gi memory. */
    private static NodeMetrics usage(String node, String cpu, String memory) {
        return new NodeMetricsBuilder().withNewMetadata().withName(node).endMetadata()
                .addToUsage("cpu", new Quantity(cpu)).addToUsage("memory", new Quantity(memory)).build();
    }

    @Test
    void cpuInUseExactlyAtTheThresholdIsK8s104AndJustBelowIsNot() throws Exception {
        k8s.create(node("ip-10-0-1-12.ec2.internal").build(), node("ip-10-0-1-13.ec2.internal").build());
        // 3332m of 3920m is exactly 85%; 3331m is 84.97%, which kubectl shows as 84%
        k8s.create(usage("ip-10-0-1-12.ec2.internal", "3332m", "8Gi"),
                usage("ip-10-0-1-13.ec2.internal", "3331m", "8Gi"));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-104");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Node", null, "ip-10-0-1-12.ec2.internal"));
            assertThat(f.title()).isEqualTo("Node ip-10-0-1-12.ec2.internal is using 85% of its allocatable CPU");
            assertThat(f.detail()).isEqualTo("In use (kubectl top nodes): 3332m of 3920m CPU (85%) and 8Gi of 15Gi "
                    + "memory (53%); threshold 85%.");
            assertThat(f.evidence()).containsEntry("cpuPercent", "85").containsEntry("memoryPercent", "53");
            assertThat(f.remediation())
                    .contains("kubectl top nodes")
                    .contains("kubectl describe node ip-10-0-1-12.ec2.internal | grep -A 5 \"Allocated resources\"")
                    .contains("kubectl get pods --all-namespaces --field-selector spec.nodeName=ip-10-0-1-12.ec2.internal")
                    .contains("kubectl top pods --all-namespaces --sort-by=cpu")
                    .contains("aws eks update-nodegroup-config --cluster-name prod --nodegroup-name general");
        });
    }

    @Test
    void memoryWhenItIsTheWorseResource() throws Exception {
        k8s.create(node("ip-10-0-1-14.ec2.internal").build());
        k8s.create(usage("ip-10-0-1-14.ec2.internal", "980m", "13Gi"));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Node ip-10-0-1-14.ec2.internal is using 86% of its allocatable memory");
            assertThat(f.evidence()).containsEntry("resource", "memory").containsEntry("cpuPercent", "25")
                    .containsEntry("memoryUsed", "13Gi");
            assertThat(f.remediation()).contains("kubectl top pods --all-namespaces --sort-by=memory");
        });
    }

    @Test
    void theThresholdComesFromConfigurationAndMetricsOfUnknownNodesAreIgnored() throws Exception {
        NodeUsageCheck strict = new NodeUsageCheck(k8s.clusters(Map.of("usage-percent-threshold", "50")));
        k8s.create(node("ip-10-0-1-15.ec2.internal").build());
        k8s.create(usage("ip-10-0-1-15.ec2.internal", "1960m", "1Gi"), usage("gone.ec2.internal", "4", "15Gi"));

        assertThat(KubernetesFixtures.run(strict)).extracting(Finding::resource)
                .containsExactly(new Resource("Node", null, "ip-10-0-1-15.ec2.internal"));
        assertThat(KubernetesFixtures.run(check)).isEmpty();
    }

    @Test
    void aClusterWithoutTheMetricsApiIsSkippedAsAudit905() {
        // the CRUD mock serves any kind, so "not served" needs a server that answers by expectation
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            server.expect().get().withPath("/api/v1/nodes?limit=500")
                    .andReturn(200, new NodeListBuilder().addToItems(node("ip-10-0-1-12.ec2.internal").build())
                            .withNewMetadata().endMetadata().build()).always();
            server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/nodes?limit=500")
                    .andReturn(404, "404 page not found").always();
            KubernetesClusters clusters = new KubernetesClusters(
                    KubernetesFixtures.properties(KubernetesFixtures.CLUSTER, Map.of()),
                    Map.of(KubernetesFixtures.CLUSTER, client));
            NodeUsageCheck unserved = new NodeUsageCheck(clusters);

            assertThatThrownBy(() -> KubernetesFixtures.run(unserved))
                    .isInstanceOfSatisfying(CheckSkippedException.class, e -> {
                        assertThat(e.code()).isEqualTo(AuditCode.AUDIT_905);
                        assertThat(e.resource()).isEqualTo(new Resource("ApiService", null, "metrics.k8s.io"));
                    });
        } finally {
            server.destroy();
        }
    }
}
