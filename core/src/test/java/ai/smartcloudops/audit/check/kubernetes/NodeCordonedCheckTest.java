package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.node;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeCordonedCheckTest {

    private static final String NODE = "ip-10-0-1-12.ec2.internal";

    private KubernetesFixtures k8s;
    private NodeCordonedCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new NodeCordonedCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static NodeBuilder cordoned(String name) {
        return node(name).editSpec().withUnschedulable(true).addNewTaint().withKey("node.kubernetes.io/unschedulable")
                .withEffect("NoSchedule").endTaint().endSpec();
    }

    @Test
    void aCordonedNodeWithWorkloadPodsIsK8s105CountingNeitherDaemonSetsNorFinishedPods() throws Exception {
        k8s.create(cordoned(NODE).build(), node("ip-10-0-1-10.ec2.internal").build(),
                node("ip-10-0-1-11.ec2.internal").editSpec().withUnschedulable(false).endSpec().build(),
                // a node the cluster autoscaler is draining to delete: leaving, not left behind
                cordoned("ip-10-0-1-13.ec2.internal").editSpec().addNewTaint().withKey("ToBeDeletedByClusterAutoscaler")
                        .withValue("1764980000").withEffect("NoSchedule").endTaint().endSpec().build());
        k8s.create(pod("api", "api-1").build(), pod("worker", "worker-1").build(),
                new PodBuilder(pod("fluentd", "fluentd-x1").build()).editMetadata().editFirstOwnerReference()
                        .withKind("DaemonSet").withName("fluentd").endOwnerReference().endMetadata().build(),
                new PodBuilder(pod("report", "report-1").build()).editStatus().withPhase("Succeeded").endStatus()
                        .build(),
                new PodBuilder(pod("web", "web-1").build()).editSpec().withNodeName("ip-10-0-1-10.ec2.internal")
                        .endSpec().build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-105");
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("Node", null, NODE));
            assertThat(f.title()).isEqualTo("Node " + NODE + " is cordoned");
            assertThat(f.detail()).isEqualTo("The scheduler places no new pod on it, and 2 pods besides DaemonSets' "
                    + "still run there (the drain did not finish); 2 of 4 nodes take new pods.");
            assertThat(f.remediation()).contains("kubectl uncordon " + NODE)
                    .contains("kubectl get pods --all-namespaces --field-selector spec.nodeName=" + NODE)
                    .contains("kubectl drain " + NODE + " --ignore-daemonsets --delete-emptydir-data");
            assertThat(f.evidence()).containsExactly(entry("pods", "2"), entry("state", "2 pods besides DaemonSets' "
                    + "still run there (the drain did not finish)"), entry("schedulable", "2"), entry("nodes", "4"));
        });
    }

    @Test
    void aDrainedNodeLeftCordonedSaysSoAndASchedulableClusterIsQuiet() throws Exception {
        k8s.create(cordoned(NODE).build());
        k8s.create(new PodBuilder(pod("fluentd", "fluentd-x1").build()).editMetadata().editFirstOwnerReference()
                .withKind("DaemonSet").withName("fluentd").endOwnerReference().endMetadata().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> assertThat(f.detail())
                .isEqualTo("The scheduler places no new pod on it, and it is drained (no pod left but DaemonSets'); "
                        + "0 of 1 nodes take new pods."));

        k8s.client.nodes().withName(NODE).edit(n -> new NodeBuilder(n).editSpec().withUnschedulable(null)
                .withTaints().endSpec().build());
        assertThat(KubernetesFixtures.run(check)).isEmpty();
    }

    @Test
    void aHostileNodeNameIsQuotedInEveryCommand() throws Exception {
        String hostile = "node-$(touch /tmp/pwned);`id`";
        k8s.create(cordoned(hostile).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo(hostile);
            assertThat(f.remediation()).contains("kubectl uncordon 'node-$(touch /tmp/pwned);`id`'")
                    .doesNotContain("uncordon node-$(");
        });
    }
}
