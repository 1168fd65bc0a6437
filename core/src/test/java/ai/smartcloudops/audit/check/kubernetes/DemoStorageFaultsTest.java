package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoStorageFaults;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's storage and stateful faults are exactly what the checks find: they cannot drift apart. */
class DemoStorageFaultsTest {

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
    void everyFaultAndNothingElseIsFound() throws Exception {
        // the API server stamps each object's creation time: the audit runs after the seed, as the demo's does
        DemoStorageFaults.seed(k8s.client, Instant.now());
        Instant now = Instant.now().plusSeconds(1);
        KubernetesClusters clusters = k8s.clusters(new HashMap<>(Map.of("pending-grace", "0s")));
        List<KubernetesCheck> checks = List.of(new StatefulSetCheck(clusters), new JobCheck(clusters),
                new AdmissionWebhookCheck(clusters), new PersistentVolumeClaimCheck(clusters));

        assertThat(KubernetesFixtures.faults(checks, now)).isEqualTo(new TreeMap<>(DemoStorageFaults.FAULTS));
    }
}
