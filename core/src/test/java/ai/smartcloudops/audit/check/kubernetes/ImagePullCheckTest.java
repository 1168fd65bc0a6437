package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImagePullCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;
    private static final String POD = "smartcloudops-api-5d8f7c9b6d-x7k2p";
    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/smartcloudops/api:2.1.0";

    private KubernetesFixtures k8s;
    private ImagePullCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new ImagePullCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static ContainerStatus waiting(String container, String reason, String message) {
        return new ContainerStatusBuilder().withName(container).withReady(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .build();
    }

    @Test
    void imagePullBackOffIsK8s206() throws Exception {
        String message = "Back-off pulling image \"" + IMAGE + "\"";
        k8s.create(pod("smartcloudops-api", POD).editSpec().withContainers(new ContainerBuilder()
                        .withName("smartcloudops-api").withImage(IMAGE).build()).endSpec()
                        .editStatus().withPhase("Pending")
                        .withContainerStatuses(waiting("smartcloudops-api", "ImagePullBackOff", message)).endStatus()
                        .build(),
                pod("web", "web-1").editStatus().withContainerStatuses(
                        waiting("web", "ContainerCreating", null)).endStatus().build(),
                pod("worker", "worker-1").build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-206");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, POD));
            assertThat(f.title()).isEqualTo("Container smartcloudops-api of pod " + NS + "/" + POD
                    + " cannot pull image " + IMAGE);
            assertThat(f.detail()).isEqualTo("ImagePullBackOff: " + message);
            assertThat(f.evidence()).containsEntry("image", IMAGE).containsEntry("reason", "ImagePullBackOff")
                    .containsEntry("message", message);
            assertThat(f.remediation())
                    .contains("kubectl describe pod " + POD + " -n " + NS)
                    .contains("kubectl get events -n " + NS + " --field-selector involvedObject.name=" + POD)
                    .contains("kubectl rollout undo deployment/smartcloudops-api -n " + NS)
                    .contains("kubectl delete pod " + POD + " -n " + NS);
        });
    }

    @Test
    void errImagePullOfAnInitContainerCounts() throws Exception {
        k8s.create(pod("worker", "worker-2").editSpec().addNewInitContainer().withName("migrate")
                        .withImage("smartcloudops/migrate:9.9").endInitContainer().endSpec()
                        .editStatus().withPhase("Pending")
                        .withInitContainerStatuses(waiting("migrate", "ErrImagePull",
                                "manifest for smartcloudops/migrate:9.9 not found"))
                        .withContainerStatuses(waiting("worker", "PodInitializing", null), running("sidecar", 0))
                        .endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Container migrate of pod " + NS + "/worker-2 cannot pull image "
                    + "smartcloudops/migrate:9.9");
            assertThat(f.detail()).isEqualTo("ErrImagePull: manifest for smartcloudops/migrate:9.9 not found");
        });
    }
}
