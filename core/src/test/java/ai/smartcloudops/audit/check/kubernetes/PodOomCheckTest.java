package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodOomCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;
    private static final String POD = "smartcloudops-api-5d8f7c9b6d-x7k2p";

    private KubernetesFixtures k8s;
    private PodOomCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new PodOomCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static ContainerStatus killedBefore(String container, String reason, int exitCode, String finishedAt) {
        return new ContainerStatusBuilder(running(container, 4)).withNewLastState().withNewTerminated()
                .withReason(reason).withExitCode(exitCode).withFinishedAt(finishedAt).endTerminated().endLastState()
                .build();
    }

    @Test
    void oomKilledContainerIsK8s202() throws Exception {
        k8s.create(pod("smartcloudops-api", POD).editSpec()
                        .withContainers(new ContainerBuilder().withName("smartcloudops-api").withImage("api:1")
                                .withNewResources().addToLimits("memory", new Quantity("2Gi")).endResources().build())
                        .endSpec()
                        .editStatus().withContainerStatuses(
                                killedBefore("smartcloudops-api", "OOMKilled", 137, "2026-05-01T11:40:00Z"))
                        .endStatus().build(),
                pod("web", "web-5d8f7c9b6d-abcde").editStatus().withContainerStatuses(
                        killedBefore("web", "Completed", 0, "2026-05-01T11:00:00Z")).endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-202");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, POD));
            assertThat(f.title()).isEqualTo("Container smartcloudops-api of pod " + NS + "/" + POD + " was OOMKilled");
            assertThat(f.detail()).isEqualTo("Last terminated with OOMKilled (exit code 137) at 2026-05-01T11:40:00Z; "
                    + "memory limit 2Gi, 4 restarts.");
            assertThat(f.remediation())
                    .contains("kubectl top pods -n " + NS + " --sort-by=memory")
                    .contains("kubectl logs " + POD + " -n " + NS + " -c smartcloudops-api --previous")
                    .contains("kubectl set resources deployment/smartcloudops-api -n " + NS
                            + " -c smartcloudops-api \\\n  --limits=memory=4Gi --requests=memory=2Gi");
        });
    }

    @Test
    void exitCode137CountsAndTheMostRecentKillOfThePodIsReported() throws Exception {
        k8s.create(pod("worker", "worker-1").editStatus().withContainerStatuses(
                killedBefore("worker", "Error", 137, "2026-05-01T11:00:00Z"),
                new ContainerStatusBuilder().withName("shipper").withRestartCount(0).withNewState().withNewTerminated()
                        .withReason("OOMKilled").withExitCode(137).withFinishedAt("2026-05-01T11:55:00Z")
                        .endTerminated().endState().build()).endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Container shipper of pod " + NS + "/worker-1 was OOMKilled");
            assertThat(f.detail()).contains("memory limit none, 0 restarts");
        });
    }

    @Test
    void onlyKillsWithinTheWindowCount() throws Exception {
        PodOomCheck lastHour = new PodOomCheck(k8s.clusters(java.util.Map.of("window", "1h")));
        k8s.create(pod("worker", "worker-old").editStatus().withContainerStatuses(
                        killedBefore("worker", "OOMKilled", 137, "2026-05-01T10:59:59Z")).endStatus().build(),
                pod("worker", "worker-edge").editStatus().withContainerStatuses(
                        killedBefore("worker", "OOMKilled", 137, "2026-05-01T11:00:00Z")).endStatus().build(),
                pod("worker", "worker-undated").editStatus().withContainerStatuses(
                        new ContainerStatusBuilder(running("worker", 1)).withNewLastState().withNewTerminated()
                                .withReason("OOMKilled").withExitCode(137).endTerminated().endLastState().build())
                        .endStatus().build());

        assertThat(KubernetesFixtures.run(lastHour)).extracting(f -> f.resource().name())
                .containsExactly("worker-edge");
        assertThat(KubernetesFixtures.run(check)).extracting(f -> f.resource().name())
                .containsExactlyInAnyOrder("worker-old", "worker-edge");
    }

    @Test
    void anOldKillDoesNotHideARecentOneOfAnotherContainer() throws Exception {
        PodOomCheck lastHour = new PodOomCheck(k8s.clusters(java.util.Map.of("window", "1h")));
        k8s.create(pod("worker", "worker-1").editStatus().withContainerStatuses(
                killedBefore("worker", "OOMKilled", 137, "2026-04-29T09:00:00Z"),
                killedBefore("shipper", "Error", 137, "2026-05-01T11:30:00Z")).endStatus().build());

        assertThat(KubernetesFixtures.run(lastHour)).singleElement().satisfies(f -> {
            assertThat(f.evidence()).containsEntry("container", "shipper")
                    .containsEntry("finishedAt", "2026-05-01T11:30:00Z");
        });
    }
}
