package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodSchedulingCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private PodSchedulingCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new PodSchedulingCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static Pod unschedulable(String name) {
        return pod("smartcloudops-api", name).editSpec().withNodeName(null).endSpec()
                .editStatus().withPhase("Pending").withContainerStatuses(List.of())
                .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                        .withReason("Unschedulable")
                        .withMessage("0/3 nodes are available: 3 Insufficient memory.").build())
                .endStatus().build();
    }

    /** Runs the check {@code after} the pod's creation; the API server stamps creationTimestamp itself. */
    private List<Finding> runAfter(Pod created, Duration after) throws Exception {
        Instant now = Instant.parse(created.getMetadata().getCreationTimestamp()).plus(after);
        return KubernetesFixtures.context(check, now, new ConcurrentHashMap<>()).findings(check);
    }

    @Test
    void podPendingPastGraceIsK8s203WithTheSchedulersReason() throws Exception {
        Pod created = k8s.create(unschedulable("smartcloudops-api-5d8f7c9b6d-q9w8e"),
                pod("web", "web-5d8f7c9b6d-abcde").build()).get(0);

        assertThat(runAfter(created, Duration.ofMinutes(125).plusSeconds(20))).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-203");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, "smartcloudops-api-5d8f7c9b6d-q9w8e"));
            assertThat(f.title()).isEqualTo("Pod " + NS + "/smartcloudops-api-5d8f7c9b6d-q9w8e has been Pending for 2h 5m");
            assertThat(f.detail()).isEqualTo("Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
            assertThat(f.remediation())
                    .contains("kubectl describe pod smartcloudops-api-5d8f7c9b6d-q9w8e -n " + NS)
                    .contains("kubectl get events -n " + NS
                            + " --field-selector involvedObject.name=smartcloudops-api-5d8f7c9b6d-q9w8e")
                    .contains("--cluster-name prod");
        });
    }

    @Test
    void pendingWithinGraceIsQuiet() throws Exception {
        Pod created = k8s.create(unschedulable("young")).get(0);

        assertThat(runAfter(created, Duration.ofMinutes(5))).isEmpty();
        assertThat(runAfter(created, Duration.ofMinutes(5).plusSeconds(1))).hasSize(1);
    }

    @Test
    void scheduledPodWaitingForItsImageReportsTheContainersReason() throws Exception {
        Pod created = k8s.create(pod("web", "web-5d8f7c9b6d-pull").editStatus().withPhase("Pending")
                .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build())
                .withContainerStatuses(new ContainerStatusBuilder().withName("web").withRestartCount(0)
                        .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"smartcloudops/web:1.0\"").endWaiting().endState()
                        .build())
                .endStatus().build()).get(0);

        assertThat(runAfter(created, Duration.ofMinutes(7))).singleElement().satisfies(f -> {
            assertThat(f.title()).endsWith("has been Pending for 7m");
            assertThat(f.detail()).isEqualTo("ImagePullBackOff: Back-off pulling image \"smartcloudops/web:1.0\"");
        });
    }

    @Test
    void pendingPodWithoutConditionsIsWaitingToBeScheduled() throws Exception {
        Pod created = k8s.create(pod("web", "web-new").editSpec().withNodeName(null).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build()).get(0);

        assertThat(runAfter(created, Duration.ofHours(26))).singleElement().satisfies(f -> {
            assertThat(f.title()).endsWith("has been Pending for 1d 2h");
            assertThat(f.detail()).isEqualTo("Pending: waiting to be scheduled");
        });
    }
}
