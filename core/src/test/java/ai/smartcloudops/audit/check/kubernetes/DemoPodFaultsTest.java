package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoPodFaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The demo's pod faults raise exactly what they claim, and nothing for the estate's other codes (its objects sit
 * on nodes of their own, so the estate's other faults stay as they were).
 */
class DemoPodFaultsTest {

    @Test
    void theSeededFaultsRaiseExactlyTheirCodesAndNothingForTheOtherChecks() throws Exception {
        try (KubernetesFixtures k8s = KubernetesFixtures.start()) {
            DemoPodFaults.seed(k8s.client, Instant.now());
            // as DemoEstate.properties() configures the audit: the estate's objects are seconds old
            KubernetesClusters clusters = new KubernetesClusters(KubernetesFixtures.properties(
                    KubernetesFixtures.CLUSTER, Map.of("pending-grace", "0s")),
                    Map.of(KubernetesFixtures.CLUSTER, k8s.client));
            List<KubernetesCheck> ours = List.of(new NodeUsageCheck(clusters), new ContainerMemoryCheck(clusters),
                    new ContainerCpuCheck(clusters),
                    new ResourceLimitsCheck(clusters), new ImagePullCheck(clusters), new ReadinessCheck(clusters),
                    new MonitoringPodsCheck(clusters));
            List<KubernetesCheck> theirs = List.of(new NodeConditionsCheck(clusters),
                    new NodeAllocationCheck(clusters), new PodRestartsCheck(clusters), new PodOomCheck(clusters),
                    new PodSchedulingCheck(clusters), new DeploymentAvailabilityCheck(clusters));
            List<KubernetesCheck> all = new ArrayList<>(ours);
            all.addAll(theirs);
            Set<String> ids = all.stream().map(KubernetesCheck::id).collect(Collectors.toSet());
            ConcurrentMap<Object, Object> shared = new ConcurrentHashMap<>();
            Instant now = Instant.now();

            assertThat(KubernetesFixtures.faults(ours, shared, now, ids)).isEqualTo(new TreeMap<>(DemoPodFaults.FAULTS));
            assertThat(KubernetesFixtures.faults(theirs, shared, now, ids)).isEmpty();
        }
    }
}
