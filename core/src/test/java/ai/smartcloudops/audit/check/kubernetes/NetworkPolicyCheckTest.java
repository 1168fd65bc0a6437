package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.LimitRangeCheckTest.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkPolicyCheckTest {

    private KubernetesFixtures k8s;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        k8s.create(namespace("smartcloudops"), namespace("smartcloudops-staging"));
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static NetworkPolicy policy(String namespace) {
        return new NetworkPolicyBuilder().withNewMetadata().withName("smartcloudops-network-policy")
                .withNamespace(namespace).endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress").endSpec().build();
    }

    @Test
    void appNamespaceWithoutNetworkPolicyIsK8s504ForTheSecurityTeam() throws Exception {
        k8s.create(policy("smartcloudops-staging"), policy("default"));
        NetworkPolicyCheck check = new NetworkPolicyCheck(k8s.clusters(Map.of(
                "namespaces.app[0]", "smartcloudops", "namespaces.app[1]", "smartcloudops-staging")));

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-504");
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("Namespace", null, "smartcloudops"));
            assertThat(f.title()).isEqualTo("Namespace smartcloudops has no NetworkPolicy");
            assertThat(f.remediation()).contains("kubectl get networkpolicy -n smartcloudops");
        });
        assertThat(KubernetesCode.K8S_504.team()).isEqualTo(Team.SECURITY);
        assertThat(KubernetesCode.K8S_401.team()).isEqualTo(Team.NETWORK);
        assertThat(KubernetesCode.K8S_502.team()).isEqualTo(Team.PLATFORM);
    }

    @Test
    void aPolicyInTheAppNamespaceIsQuiet() throws Exception {
        k8s.create(policy("smartcloudops"));

        assertThat(KubernetesFixtures.run(new NetworkPolicyCheck(k8s.clusters()))).isEmpty();
    }
}
