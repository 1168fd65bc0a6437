package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolloutCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private RolloutCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new RolloutCheck(k8s.clusters());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void progressDeadlineExceededIsK8s302() throws Exception {
        k8s.create(deployment("smartcloudops-notifier", 3, 3).editStatus().withUpdatedReplicas(1)
                        .withConditions(progressing("False", "ProgressDeadlineExceeded",
                                        "ReplicaSet \"smartcloudops-notifier-6c5d4\" has timed out progressing."),
                                new DeploymentConditionBuilder().withType("Available").withStatus("True")
                                        .withReason("MinimumReplicasAvailable").build())
                        .endStatus().build(),
                deployment("web", 2, 2).editStatus().withConditions(
                        progressing("True", "NewReplicaSetAvailable", "ReplicaSet \"web-1\" has successfully progressed."))
                        .endStatus().build(),
                deployment("paused", 2, 2).editStatus().withConditions(
                        progressing("Unknown", "DeploymentPaused", "Deployment is paused"))
                        .endStatus().build(),
                deployment("no-conditions", 1, 1).build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-302");
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.resource()).isEqualTo(new Resource("Deployment", NS, "smartcloudops-notifier"));
            assertThat(f.title()).isEqualTo("Rollout of deployment " + NS
                    + "/smartcloudops-notifier is stuck (ProgressDeadlineExceeded)");
            assertThat(f.detail()).isEqualTo("Progressing is False since " + KubernetesFixtures.SINCE
                    + ": ReplicaSet \"smartcloudops-notifier-6c5d4\" has timed out progressing. Updated 1/3, "
                    + "ready 3, available 3.");
            assertThat(f.evidence()).containsEntry("reason", "ProgressDeadlineExceeded")
                    .containsEntry("updated", "1").containsEntry("replicas", "3");
            assertThat(f.remediation())
                    .contains("kubectl rollout status deployment/smartcloudops-notifier -n " + NS)
                    .contains("kubectl rollout history deployment/smartcloudops-notifier -n " + NS)
                    .contains("kubectl rollout undo deployment/smartcloudops-notifier -n " + NS)
                    .contains("kubectl describe deployment smartcloudops-notifier -n " + NS);
        });
    }

    @Test
    void aFailedConditionWithoutReasonOrMessageStillReports() throws Exception {
        k8s.create(deployment("worker", 2, 0).withStatus(null).editOrNewStatus().withConditions(
                new DeploymentConditionBuilder().withType("Progressing").withStatus("False").build())
                .endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Rollout of deployment " + NS + "/worker is stuck (no reason)");
            assertThat(f.detail()).isEqualTo("Progressing is False since unknown: no message. Updated 0/2, "
                    + "ready 0, available 0.");
        });
    }

    private static DeploymentCondition progressing(String status, String reason, String message) {
        return new DeploymentConditionBuilder().withType("Progressing").withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(KubernetesFixtures.SINCE)
                .withLastUpdateTime(KubernetesFixtures.SINCE).build();
    }
}
