package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentAvailabilityCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private DeploymentAvailabilityCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new DeploymentAvailabilityCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void noAvailableReplicaIsK8s301AtP0() throws Exception {
        k8s.create(deployment("smartcloudops-api", 3, 0).editStatus().withConditions(
                        new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                                .withReason("ReplicaSetUpdated").withMessage("progressing").build(),
                        new DeploymentConditionBuilder().withType("Available").withStatus("False")
                                .withReason("MinimumReplicasUnavailable")
                                .withMessage("Deployment does not have minimum availability.").build())
                        .endStatus().build(),
                deployment("web", 2, 2).build(),
                deployment("paused-batch", 0, 0).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-301");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.resource()).isEqualTo(new Resource("Deployment", NS, "smartcloudops-api"));
            assertThat(f.title()).isEqualTo("Deployment " + NS + "/smartcloudops-api has 3 of 3 replicas unavailable");
            assertThat(f.detail()).isEqualTo("Ready 0/3, available 0; Deployment does not have minimum availability.");
            assertThat(f.remediation())
                    .contains("kubectl rollout status deployment/smartcloudops-api -n " + NS)
                    .contains("kubectl describe deployment smartcloudops-api -n " + NS)
                    .contains("kubectl get pods -n " + NS + " -l app.kubernetes.io/name=smartcloudops-api,tier=web")
                    .contains("kubectl scale deployment smartcloudops-api --replicas=5 -n " + NS);
        });
    }

    @Test
    void partlyAvailableIsK8s301AtTheDefaultP1() throws Exception {
        k8s.create(deployment("smartcloudops-api", 3, 2).editStatus().withConditions(
                new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"smartcloudops-api-7f9c\" has timed out progressing.").build())
                .endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.title()).isEqualTo("Deployment " + NS + "/smartcloudops-api has 1 of 3 replicas unavailable");
            assertThat(f.detail()).isEqualTo("Ready 2/3, available 2; "
                    + "ReplicaSet \"smartcloudops-api-7f9c\" has timed out progressing.");
        });
    }

    @Test
    void missingStatusCountsAsNothingAvailable() throws Exception {
        k8s.create(deployment("worker", 2, 0).withStatus(null).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.title()).isEqualTo("Deployment " + NS + "/worker has 2 of 2 replicas unavailable");
            assertThat(f.detail()).isEqualTo("Ready 0/2, available 0; no failing condition reported");
        });
    }
}
