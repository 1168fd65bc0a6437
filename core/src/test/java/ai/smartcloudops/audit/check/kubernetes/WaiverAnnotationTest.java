package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.NOW;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.finding.Finding;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A resource can waive codes by annotation: its findings are kept, marked waived, with the reason. */
class WaiverAnnotationTest {

    private KubernetesFixtures k8s;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void annotatedCodesAreWaivedWithTheirReasonAndOthersAreNot() throws Exception {
        k8s.create(crashLoopingAndOomKilled("batch-5d8f7c9b6d-aaaaa", Map.of(
                ClusterScan.WAIVE, "K8S-201, K8S-203",
                ClusterScan.WAIVE_REASON, "nightly batch retries by design; owner data-team, until 2026-12-31")));
        k8s.create(crashLoopingAndOomKilled("api-5d8f7c9b6d-bbbbb", Map.of()));
        k8s.create(crashLoopingAndOomKilled("etl-5d8f7c9b6d-ccccc", Map.of(ClusterScan.WAIVE, "*")));

        List<Finding> findings = run();

        assertThat(findings).filteredOn(f -> f.resource().name().startsWith("batch-"))
                .extracting(f -> f.code().code(), Finding::waiver)
                .containsExactlyInAnyOrder(
                        tuple("K8S-201", "annotation " + ClusterScan.WAIVE
                                + " on Pod/smartcloudops/batch-5d8f7c9b6d-aaaaa: nightly batch retries by design; "
                                + "owner data-team, until 2026-12-31"),
                        tuple("K8S-202", null));
        assertThat(findings).filteredOn(f -> f.resource().name().startsWith("api-")).allMatch(f -> !f.waived())
                .hasSize(2);
        assertThat(findings).filteredOn(f -> f.resource().name().startsWith("etl-"))
                .allSatisfy(f -> assertThat(f.waiver()).endsWith("(no " + ClusterScan.WAIVE_REASON + " given)"))
                .hasSize(2);
    }

    @Test
    void aWaiverHoldsUntilItsWaiveUntilAndAPastOrUnreadableOneWaivesNothing() throws Exception {
        k8s.create(crashLoopingAndOomKilled("batch-5d8f7c9b6d-aaaaa", Map.of(ClusterScan.WAIVE, "K8S-201",
                ClusterScan.WAIVE_UNTIL, "2026-05-01", ClusterScan.WAIVE_REASON, "retries by design")));
        k8s.create(crashLoopingAndOomKilled("batch-5d8f7c9b6d-bbbbb", Map.of(ClusterScan.WAIVE, "K8S-201",
                ClusterScan.WAIVE_UNTIL, "2026-05-01T11:59:59Z")));
        k8s.create(crashLoopingAndOomKilled("batch-5d8f7c9b6d-ccccc", Map.of(ClusterScan.WAIVE, "K8S-201",
                ClusterScan.WAIVE_UNTIL, "next week")));

        List<Finding> findings = run();

        // the run is at 2026-05-01T12:00Z: a date holds through its day, an instant until that instant
        assertThat(findings).filteredOn(f -> f.code().code().equals("K8S-201"))
                .extracting(f -> f.resource().name(), Finding::waiver).containsExactlyInAnyOrder(
                        tuple("batch-5d8f7c9b6d-aaaaa", "annotation " + ClusterScan.WAIVE + " on Pod/smartcloudops/"
                                + "batch-5d8f7c9b6d-aaaaa until 2026-05-01: retries by design"),
                        tuple("batch-5d8f7c9b6d-bbbbb", null),
                        tuple("batch-5d8f7c9b6d-ccccc", null));
    }

    private List<Finding> run() throws Exception {
        KubernetesClusters clusters = k8s.clusters();
        PodRestartsCheck restarts = new PodRestartsCheck(clusters);
        PodOomCheck oom = new PodOomCheck(clusters);
        Set<String> both = Set.of(restarts.id(), oom.id());
        ConcurrentHashMap<Object, Object> shared = new ConcurrentHashMap<>();
        List<Finding> all = new ArrayList<>(KubernetesFixtures.context(restarts, NOW, shared,
                both).findings(restarts));
        all.addAll(KubernetesFixtures.context(oom, NOW, shared, both).findings(oom));
        return all;
    }

    private static Pod crashLoopingAndOomKilled(String name, Map<String, String> annotations) {
        return pod("batch", name).editMetadata().addToAnnotations(annotations).endMetadata()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("batch").withRestartCount(9)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                .withFinishedAt(NOW.minusSeconds(300).toString()).endTerminated().endLastState()
                .endContainerStatus().endStatus().build();
    }
}
