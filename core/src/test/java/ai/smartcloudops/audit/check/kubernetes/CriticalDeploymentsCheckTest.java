package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CriticalDeploymentsCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

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
    void theDefaultCriticalApiBelowTwoReadyIsK8s303AtP1() throws Exception {
        k8s.create(deployment("smartcloudops-api", 3, 1).build(),
                deployment("smartcloudops-frontend", 2, 0).build());

        assertThat(KubernetesFixtures.run(new CriticalDeploymentsCheck(k8s.clusters()))).singleElement()
                .satisfies(f -> {
                    assertThat(f.code().code()).isEqualTo("K8S-303");
                    assertThat(f.severity()).isEqualTo(Severity.P1);
                    assertThat(f.resource()).isEqualTo(new Resource("Deployment", NS, "smartcloudops-api"));
                    assertThat(f.title()).isEqualTo("Critical deployment " + NS
                            + "/smartcloudops-api has 1 ready replicas, needs 2");
                    assertThat(f.detail()).isEqualTo("Ready 1/3, available 1; "
                            + "health-audit.kubernetes.critical-min-ready is 2.");
                    assertThat(f.remediation())
                            .contains("kubectl get pods -n " + NS
                                    + " -l app.kubernetes.io/name=smartcloudops-api,tier=web")
                            .contains("kubectl rollout restart deployment/smartcloudops-api -n " + NS)
                            .contains("kubectl scale deployment smartcloudops-api --replicas=3 -n " + NS);
                });
    }

    @Test
    void exactlyTheMinimumReadyIsHealthy() throws Exception {
        k8s.create(deployment("smartcloudops-api", 3, 2).build());

        assertThat(KubernetesFixtures.run(new CriticalDeploymentsCheck(k8s.clusters()))).isEmpty();
    }

    @Test
    void noReadyReplicaOrNoDeploymentIsP0AndTheScaleTargetIsTheMinimum() throws Exception {
        k8s.create(deployment("smartcloudops-api", 0, 0).build(),
                deployment("smartcloudops-worker", 1, 1).build());
        CriticalDeploymentsCheck check = new CriticalDeploymentsCheck(k8s.clusters(Map.of(
                "critical-deployments", NS + "/smartcloudops-api," + NS + "/smartcloudops-worker,"
                        + NS + "/smartcloudops-scheduler",
                "critical-min-ready", "3")));

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).extracting(Finding::resource).containsExactly(
                new Resource("Deployment", NS, "smartcloudops-api"),
                new Resource("Deployment", NS, "smartcloudops-worker"),
                new Resource("Deployment", NS, "smartcloudops-scheduler"));
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.P0, Severity.P1, Severity.P0);
        assertThat(findings.get(0).remediation())
                .contains("kubectl scale deployment smartcloudops-api --replicas=3 -n " + NS);
        assertThat(findings.get(2)).satisfies(f -> {
            assertThat(f.title()).isEqualTo("Critical deployment " + NS
                    + "/smartcloudops-scheduler has 0 ready replicas, needs 3");
            assertThat(f.detail()).isEqualTo("Deployment not found; health-audit.kubernetes.critical-min-ready is 3.");
            assertThat(f.remediation())
                    .contains("kubectl get deployment smartcloudops-scheduler -n " + NS)
                    .contains("kubectl get pods -n " + NS + " -l app.kubernetes.io/name=smartcloudops-scheduler");
        });
    }

    @Test
    void aCriticalDeploymentInAnExcludedNamespaceIsNotReportedMissing() throws Exception {
        CriticalDeploymentsCheck check = new CriticalDeploymentsCheck(k8s.clusters(Map.of(
                "critical-deployments", "payments/ledger",
                "namespaces.exclude", "payments")));

        assertThat(KubernetesFixtures.run(check)).isEmpty();
    }
}
