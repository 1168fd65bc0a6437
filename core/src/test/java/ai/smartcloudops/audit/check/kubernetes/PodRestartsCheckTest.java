package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
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

    /** A pod that started {@code age} before the run, whose worker container restarted {@code restarts} times. */
    private static Pod restarted(String name, int restarts, Duration age) {
        return pod("worker", name).editStatus().withStartTime(KubernetesFixtures.NOW.minus(age).toString())
                .withContainerStatuses(running("worker", restarts)).endStatus().build();
    }

    /** ... whose last restart ended {@code ago} before the run. */
    private static Pod restarted(String name, int restarts, Duration age, Duration ago) {
        return pod("worker", name).editStatus().withStartTime(KubernetesFixtures.NOW.minus(age).toString())
                .withContainerStatuses(new ContainerStatusBuilder(running("worker", restarts)).withNewLastState()
                        .withNewTerminated().withReason("Error").withExitCode(1)
                        .withFinishedAt(KubernetesFixtures.NOW.minus(ago).toString()).endTerminated().endLastState()
                        .build())
                .endStatus().build();
    }

    @Test
    void crashLoopingContainerIsK8s201ForTheWorstContainer() throws Exception {
        k8s.create(pod("smartcloudops-api", "smartcloudops-api-5d8f7c9b6d-x7k2p").editStatus()
                        .withStartTime("2026-05-01T09:00:00Z")
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
            assertThat(f.code().code()).isEqualTo("K8S-201");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, "smartcloudops-api-5d8f7c9b6d-x7k2p"));
            assertThat(f.title()).isEqualTo("Container smartcloudops-api of pod " + NS
                    + "/smartcloudops-api-5d8f7c9b6d-x7k2p restarted 3 times since the pod started at "
                    + "2026-05-01T09:00:00Z");
            assertThat(f.detail()).isEqualTo("State waiting (CrashLoopBackOff); 3 restarts in all; last terminated "
                    + "with Error (exit code 1).");
            assertThat(f.remediation())
                    .contains("kubectl describe pod smartcloudops-api-5d8f7c9b6d-x7k2p -n " + NS)
                    .contains("kubectl logs smartcloudops-api-5d8f7c9b6d-x7k2p -n " + NS
                            + " -c smartcloudops-api --previous --tail=100")
                    .contains("kubectl rollout restart deployment/smartcloudops-api -n " + NS);
        });
    }

    @Test
    void restartsOfAPodStartedWithinTheWindowRaiseAtTheThresholdAndOneBelowDoesNot() throws Exception {
        k8s.create(restarted("worker-at", 5, Duration.ofHours(2)), restarted("worker-below", 4, Duration.ofHours(2)));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo("worker-at");
            assertThat(f.title()).isEqualTo("Container worker of pod " + NS + "/worker-at restarted 5 times since "
                    + "the pod started at 2026-05-01T10:00:00Z");
            assertThat(f.detail()).isEqualTo("State running; 5 restarts in all; last terminated with n/a (exit code "
                    + "n/a).");
        });
    }

    @Test
    void anOldPodsRestartsOfLastMonthAreSilentAndOnlyItsLastRestartIsDated() throws Exception {
        k8s.create(restarted("worker-last-month", 9, Duration.ofDays(40), Duration.ofDays(30)),
                restarted("worker-an-hour-ago", 9, Duration.ofDays(40), Duration.ofHours(1)));

        assertThat(KubernetesFixtures.run(check)).isEmpty();

        // at a threshold of 1, the restart an hour ago counts, and only that one
        PodRestartsCheck strict = new PodRestartsCheck(k8s.clusters(1, null, null));
        assertThat(KubernetesFixtures.run(strict)).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo("worker-an-hour-ago");
            assertThat(f.title()).isEqualTo("Container worker of pod " + NS + "/worker-an-hour-ago restarted 1 times "
                    + "in the last 1d (only the last restart is dated)");
            assertThat(f.evidence()).containsEntry("restarts", "1").containsEntry("total", "9");
        });
    }

    @Test
    void restartsSinceThePreviousSampleRaiseAndNoneSinceIsSilent() throws Exception {
        Pod worker = k8s.create(restarted("worker", 3, Duration.ofDays(40))).get(0);
        Samples run1 = Samples.none();
        assertThat(KubernetesFixtures.context(check, KubernetesFixtures.NOW, run1).findings(check)).isEmpty();

        worker.getStatus().getContainerStatuses().get(0).setRestartCount(9);
        k8s.client.pods().resource(worker).updateStatus();
        Instant later = KubernetesFixtures.NOW.plus(Duration.ofHours(1));
        Samples run2 = SampleHistory.after(run1, KubernetesFixtures.NOW);

        assertThat(KubernetesFixtures.context(check, later, run2).findings(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-201");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.title()).isEqualTo("Container worker of pod " + NS + "/worker restarted 6 times since the "
                    + "previous run at " + KubernetesFixtures.NOW);
            assertThat(f.evidence()).containsEntry("restarts", "6").containsEntry("total", "9");
        });
        // the next run, with no restart since: the nine are history
        assertThat(KubernetesFixtures.context(check, later.plus(Duration.ofHours(1)),
                SampleHistory.after(run2, later)).findings(check)).isEmpty();
    }

    @Test
    void configuredThresholdAndBarePodWorkload() throws Exception {
        check = new PodRestartsCheck(k8s.clusters(2, null, null));
        k8s.create(pod("batch", "one-off").editMetadata().withOwnerReferences(List.of()).endMetadata()
                .editStatus().withStartTime(KubernetesFixtures.SINCE).withContainerStatuses(running("batch", 2))
                .endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f ->
                assertThat(f.remediation()).contains("kubectl rollout restart pod/one-off -n " + NS));
    }

    @Test
    void podWithoutStatusDoesNotBreakTheCheck() throws Exception {
        k8s.create(pod("web", "fresh").withStatus(null).build(), restarted("worker-at", 9, Duration.ofHours(1)));

        assertThat(KubernetesFixtures.run(check)).extracting(f -> f.resource().name()).containsExactly("worker-at");
    }
}
