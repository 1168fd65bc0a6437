package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoNetworkFaults;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's networking and configuration faults are exactly what the checks find: they cannot drift apart. */
class DemoNetworkFaultsTest {

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
        // another area's seed may already have created the application's namespace
        k8s.create(LimitRangeCheckTest.namespace("smartcloudops"));
        DemoNetworkFaults.seed(k8s.client, KubernetesFixtures.NOW);
        KubernetesClusters clusters = k8s.clusters(new HashMap<>());
        List<KubernetesCheck> checks = List.of(new ServiceEndpointsCheck(clusters), new IngressBackendsCheck(clusters),
                new AlbHealthCheckCheck(clusters), new AlbHealthCheckPathCheck(clusters),
                new ResourceQuotaCheck(clusters), new LimitRangeCheck(clusters), new AppConfigCheck(clusters),
                new NetworkPolicyCheck(clusters));

        assertThat(KubernetesFixtures.faults(checks, KubernetesFixtures.NOW)).isEqualTo(new TreeMap<>(DemoNetworkFaults.FAULTS));
    }
}
