package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodRestartsCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private PodRestartsCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new PodRestartsCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static Pod restarted(String name, int restarts) {
        return pod("worker", name).editStatus().withContainerStatuses(running("worker", restarts)).endStatus().build();
    }

    @Test
    void crashLoopingContainerIsK8s201ForTheWorstContainer() throws Exception {
        k8s.create(pod("smartcloudops-api", "smartcloudops-api-5d8f7c9b6d-x7k2p").editStatus()
                        .withContainerStatuses(running("sidecar", 7), new ContainerStatusBuilder()
                                .withName("smartcloudops-api").withRestartCount(3)
                                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                                .withMessage("back-off 5m0s restarting failed container").endWaiting().endState()
                                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1)
                                .endTerminated().endLastState().build())
                        .endStatus().build(),
                pod("web", "web-5d8f7c9b6d-abcde").build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("K8S-201");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, "smartcloudops-api-5d8f7c9b6d-x7k2p"));
            assertThat(f.title()).isEqualTo("Container smartcloudops-api of pod "
                    + NS + "/smartcloudops-api-5d8f7c9b6d-x7k2p restarted 3 times");
            assertThat(f.detail()).isEqualTo("State waiting (CrashLoopBackOff); last terminated with Error (exit code 1).");
            assertThat(f.remediation())
                    .contains("kubectl describe pod smartcloudops-api-5d8f7c9b6d-x7k2p -n " + NS)
                    .contains("kubectl logs smartcloudops-api-5d8f7c9b6d-x7k2p -n " + NS
                            + " -c smartcloudops-api --previous --tail=100")
                    .contains("kubectl rollout restart deployment/smartcloudops-api -n " + NS);
        });
    }

    @Test
    void restartCountAtThresholdRaisesAndOneBelowDoesNot() throws Exception {
        k8s.create(restarted("worker-at", 5), restarted("worker-below", 4));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo("worker-at");
            assertThat(f.title()).isEqualTo("Container worker of pod " + NS + "/worker-at restarted 5 times");
            assertThat(f.detail()).isEqualTo("State running; last terminated with n/a (exit code n/a).");
        });
    }

    @Test
    void configuredThresholdAndBarePodWorkload() throws Exception {
        check = new PodRestartsCheck(k8s.clusters(2, null, null));
        k8s.create(pod("batch", "one-off").editMetadata().withOwnerReferences(List.of()).endMetadata()
                .editStatus().withContainerStatuses(running("batch", 2)).endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f ->
                assertThat(f.remediation()).contains("kubectl rollout restart pod/one-off -n " + NS));
    }

    @Test
    void podWithoutStatusDoesNotBreakTheCheck() throws Exception {
        k8s.create(pod("web", "fresh").withStatus(null).build(), restarted("worker-at", 9));

        assertThat(KubernetesFixtures.run(check)).extracting(f -> f.resource().name()).containsExactly("worker-at");
    }
}
