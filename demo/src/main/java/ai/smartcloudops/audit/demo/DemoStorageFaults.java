package ai.smartcloudops.audit.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The demo's storage and stateful faults (K8S-308, K8S-309, K8S-405, K8S-701), beside a healthy StatefulSet and claim:
 * the task broker's rolling update held by a pod that never became ready, a one-off migration Job that failed, a
 * policy webhook whose Service is gone (so the API server refuses what it matches) and an uploads volume no
 * provisioner binds. No pods are created here, so the pod and node checks see nothing new.
 */
public final class DemoStorageFaults {

    /** The faulty objects, by the code each one should raise. */
    public static final Map<String, String> FAULTS = Map.of(
            "K8S-308", "StatefulSet/smartcloudops/smartcloudops-rabbitmq",
            "K8S-309", "Job/smartcloudops/smartcloudops-db-migrate",
            "K8S-405", "ValidatingWebhookConfiguration/smartcloudops-policy",
            "K8S-701", "PersistentVolumeClaim/smartcloudops/smartcloudops-uploads");

    private DemoStorageFaults() {
    }

    public static void seed(KubernetesClient client, Instant now) {
        List.of(statefulSet("smartcloudops-rabbitmq", 3, 2, "smartcloudops-rabbitmq-6d5f8b7c9",
                        "smartcloudops-rabbitmq-7c9a1e2d3", 1),
                statefulSet("smartcloudops-scheduler", 1, 1, "smartcloudops-scheduler-5b4c", "smartcloudops-scheduler-5b4c",
                        1),
                claim("smartcloudops-uploads", "Pending", null),
                claim("data-smartcloudops-scheduler-0", "Bound", "pvc-2b7e41c9"),
                new JobBuilder().withNewMetadata().withName("smartcloudops-db-migrate")
                        .withNamespace(DemoWorkloadFaults.NAMESPACE).endMetadata()
                        .withNewSpec().withBackoffLimit(3).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                        .addNewContainer().withName("migrate").withImage("smartcloudops/api:2.14.0")
                        .withCommand("alembic", "upgrade", "head").endContainer().endSpec().endTemplate().endSpec()
                        .withNewStatus().withStartTime(now.minus(Duration.ofHours(3)).toString()).withFailed(4)
                        .addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                        .withMessage("Job has reached the specified backoff limit")
                        .withLastTransitionTime(now.minus(Duration.ofMinutes(150)).toString()).endCondition()
                        .endStatus().build())
                .forEach(object -> DemoObjects.createWithStatus(client, object));
        // a configuration has no status
        client.resource(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName("smartcloudops-policy")
                        .endMetadata().addNewWebhook().withName("validate.policy.smartcloudops.ai")
                        .withFailurePolicy("Fail").withNewClientConfig().withNewService()
                        .withNamespace(DemoWorkloadFaults.NAMESPACE).withName("smartcloudops-policy-webhook")
                        .withPath("/validate").endService().endClientConfig().withSideEffects("None")
                        .withAdmissionReviewVersions("v1").endWebhook().build()).create();
    }

    private static HasMetadata statefulSet(String name, int replicas, int ready, String current, String update,
                                           int updated) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(DemoWorkloadFaults.NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("smartcloudops/" + name + ":3.13").endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withCurrentReplicas(current.equals(update) ? replicas : replicas - updated)
                .withUpdatedReplicas(updated).withCurrentRevision(current).withUpdateRevision(update).endStatus()
                .build();
    }

    private static HasMetadata claim(String name, String phase, String volume) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withNamespace(DemoWorkloadFaults.NAMESPACE).endMetadata()
                .withNewSpec().withStorageClassName("gp3").withAccessModes("ReadWriteOnce").withVolumeName(volume)
                .withNewResources().addToRequests("storage", new Quantity("50Gi")).endResources().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
    }
}
