package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodDisruptionBudgetCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private PodDisruptionBudgetCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new PodDisruptionBudgetCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void noDisruptionAllowedWithExpectedPodsIsK8s305() throws Exception {
        k8s.create(pdb("smartcloudops-api", 3, 3, 3, 0).build(),
                // one disruption allowed: the edge just above
                pdb("smartcloudops-frontend", 2, 3, 2, 1).build(),
                // selects nothing yet: nothing to drain
                pdb("smartcloudops-reports", 0, 0, 0, 0).build(),
                pdb("smartcloudops-batch", 1, 1, 1, 0).withStatus(null).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-305");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("PodDisruptionBudget", NS, "smartcloudops-api"));
            assertThat(f.title()).isEqualTo("PodDisruptionBudget " + NS
                    + "/smartcloudops-api allows no disruption: a node drain will block");
            assertThat(f.detail()).isEqualTo("3 healthy of 3 expected pods, 3 must stay healthy (minAvailable 3); "
                    + "kubectl drain cannot evict any of them.");
            assertThat(f.evidence()).containsEntry("currentHealthy", "3").containsEntry("desiredHealthy", "3")
                    .containsEntry("expectedPods", "3");
            assertThat(f.remediation())
                    .contains("kubectl describe pdb smartcloudops-api -n " + NS)
                    .contains("kubectl get pods -n " + NS + " -l app.kubernetes.io/name=smartcloudops-api -o wide")
                    .contains("kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data");
        });
    }

    @Test
    void aPercentMaxUnavailableIsShownAsWritten() throws Exception {
        k8s.create(pdb("smartcloudops-worker", 1, 2, 2, 0).editSpec().withMinAvailable(null)
                .withMaxUnavailable(new IntOrString("0%")).endSpec().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f ->
                assertThat(f.detail()).isEqualTo("1 healthy of 2 expected pods, 2 must stay healthy "
                        + "(maxUnavailable 0%); kubectl drain cannot evict any of them."));
    }

    private static PodDisruptionBudgetBuilder pdb(String app, int healthy, int expected, int desired, int allowed) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(app).withNamespace(NS).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(desired))
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", app).endSelector().endSpec()
                .withNewStatus().withCurrentHealthy(healthy).withDesiredHealthy(desired).withExpectedPods(expected)
                .withDisruptionsAllowed(allowed).withObservedGeneration(1L).endStatus();
    }
}
