package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;
    private static final String POD = "smartcloudops-api-5d8f7c9b6d-x7k2p";

    private KubernetesFixtures k8s;
    private ReadinessCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new ReadinessCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static ContainerStatus unready(String container) {
        return new ContainerStatusBuilder(running(container, 2)).withReady(false).build();
    }

    /** A Running pod of {@code app} not Ready since {@code since}, with an HTTP readiness probe on :5000. */
    private static PodBuilder notReady(String app, String name, String since, ContainerStatus... statuses) {
        return pod(app, name).editSpec().withContainers(new ContainerBuilder().withName(app).withImage(app + ":1")
                        .withNewReadinessProbe().withNewHttpGet().withPath("/api/health").withPort(new IntOrString(5000))
                        .endHttpGet().endReadinessProbe().build()).endSpec()
                .editStatus().addNewCondition().withType("Ready").withStatus("False").withReason("ContainersNotReady")
                .withLastTransitionTime(since).endCondition().withContainerStatuses(statuses).endStatus();
    }

    /** Runs the check at {@code after} past the creation of the given pod (the mock stamps creation itself). */
    private List<Finding> runAfter(Pod created, Duration after) throws Exception {
        Instant now = Instant.parse(created.getMetadata().getCreationTimestamp()).plus(after);
        return KubernetesFixtures.context(check, now, new ConcurrentHashMap<>()).findings(check);
    }

    @Test
    void aRunningContainerFailingItsReadinessProbeIsK8s207() throws Exception {
        List<Pod> pods = k8s.create(notReady("smartcloudops-api", POD, "2020-01-01T00:00:00Z",
                        unready("smartcloudops-api")).build(),
                pod("web", "web-1").editStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                        .endStatus().build());

        assertThat(runAfter(pods.get(0), Duration.ofMinutes(6))).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-207");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Pod", NS, POD));
            assertThat(f.title()).isEqualTo("Pod " + NS + "/" + POD + " is Running but not Ready: container "
                    + "smartcloudops-api fails its readiness probe");
            assertThat(f.evidence()).containsEntry("container", "smartcloudops-api")
                    .containsEntry("probe", "httpGet :5000/api/health")
                    .containsEntry("since", "2020-01-01T00:00:00Z");
            assertThat(f.remediation())
                    .contains("kubectl describe pod " + POD + " -n " + NS)
                    .contains("kubectl logs " + POD + " -n " + NS + " -c smartcloudops-api --tail=100")
                    .contains("kubectl port-forward pod/" + POD + " 8080:5000 -n " + NS
                            + "   # then: curl http://localhost:8080/api/health")
                    .contains("kubectl rollout restart deployment/smartcloudops-api -n " + NS);
        });
    }

    @Test
    void podsYoungerThanThePendingGraceAreStillStarting() throws Exception {
        List<Pod> pods = k8s.create(notReady("api", "api-1", "2020-01-01T00:00:00Z", unready("api")).build());

        assertThat(runAfter(pods.get(0), Duration.ofMinutes(5))).hasSize(1);
        assertThat(runAfter(pods.get(0), Duration.ofMinutes(5).minusSeconds(1))).isEmpty();
    }

    @Test
    void aPodThatTurnedUnreadyLessThanTheGraceAgoIsNotYetReported() throws Exception {
        Pod created = k8s.create(pod("api", "probe").build()).get(0);
        Instant now = Instant.parse(created.getMetadata().getCreationTimestamp()).plus(Duration.ofHours(1));
        k8s.create(notReady("api", "api-2", now.minusSeconds(299).toString(), unready("api")).build(),
                notReady("api", "api-3", now.minusSeconds(300).toString(), unready("api")).build());

        assertThat(KubernetesFixtures.context(check, now, new ConcurrentHashMap<>()).findings(check))
                .extracting(f -> f.resource().name()).containsExactly("api-3");
    }

    @Test
    void crashLoopingWaitingOrReadyContainersAndOtherPhasesAreNotReadinessFailures() throws Exception {
        ContainerStatus crashing = new ContainerStatusBuilder().withName("sidecar").withReady(false)
                .withRestartCount(9).withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting()
                .endState().build();
        ContainerStatus waiting = new ContainerStatusBuilder().withName("api").withReady(false).withNewState()
                .withNewWaiting().withReason("ImagePullBackOff").endWaiting().endState().build();
        List<Pod> pods = k8s.create(
                notReady("api", "crash-1", "2020-01-01T00:00:00Z", unready("api"), crashing).build(),
                notReady("api", "pull-1", "2020-01-01T00:00:00Z", waiting).build(),
                notReady("api", "ready-1", "2020-01-01T00:00:00Z", running("api", 0)).build(),
                notReady("api", "pending-1", "2020-01-01T00:00:00Z", unready("api")).editStatus().withPhase("Pending")
                        .endStatus().build());

        assertThat(runAfter(pods.get(0), Duration.ofHours(1))).isEmpty();
    }

    @Test
    void probesAreDescribedAsKubectlShowsThem() {
        assertThat(ReadinessCheck.describe(null)).isEqualTo("none");
        assertThat(ReadinessCheck.describe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewTcpSocket()
                .withPort(new IntOrString("redis")).endTcpSocket().build())).isEqualTo("tcpSocket :redis");
        assertThat(ReadinessCheck.describe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withNewExec()
                .withCommand("cat", "/tmp/ready").endExec().build())).isEqualTo("exec cat /tmp/ready");
    }
}
