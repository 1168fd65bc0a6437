package ai.smartcloudops.audit.demo;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The demo's workload faults (K8S-302 to K8S-307), beside healthy workloads: a rollout stuck on a quota, a
 * critical worker running a single replica, an autoscaler at its maximum, a disruption budget that blocks
 * every drain, a Fluentd DaemonSet with a pod down and a nightly backup whose last run failed. No pods are
 * created here, so the pod and node checks see nothing new.
 *
 * <p>K8S-303 fires only when smartcloudops/smartcloudops-worker is a critical deployment:
 * {@code --health-audit.kubernetes.critical-deployments=smartcloudops/smartcloudops-api,smartcloudops/smartcloudops-worker}
 * ({@link #CRITICAL_DEPLOYMENTS}); the estate's smartcloudops-api has 2 ready replicas and meets the minimum.
 */
public final class DemoWorkloadFaults {

    static final String NAMESPACE = "smartcloudops";
    static final String MONITORING = "smartcloudops-monitoring";

    /** The critical deployments the demo audits, as the setting takes them. */
    public static final String CRITICAL_DEPLOYMENTS = "smartcloudops/smartcloudops-api,smartcloudops/smartcloudops-worker";

    /** The faulty objects, by the code each one should raise. */
    static final Map<String, String> FAULTS = Map.of(
            "K8S-302", "Deployment/smartcloudops/smartcloudops-notifier",
            "K8S-303", "Deployment/smartcloudops/smartcloudops-worker",
            "K8S-304", "HorizontalPodAutoscaler/smartcloudops/smartcloudops-frontend",
            "K8S-305", "PodDisruptionBudget/smartcloudops/smartcloudops-api",
            "K8S-306", "DaemonSet/smartcloudops-monitoring/fluentd",
            "K8S-307", "CronJob/smartcloudops/smartcloudops-db-backup");

    private DemoWorkloadFaults() {
    }

    static void seed(KubernetesClient client, Instant now) {
        // a new version whose ReplicaSet cannot create pods: the old pods keep serving, the rollout never ends
        deployment(client, "smartcloudops-notifier", 2, 2, 0, List.of(
                condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now),
                condition("ReplicaFailure", "True", "FailedCreate", "pods \"smartcloudops-notifier-7b8c9d0e1f-\" is "
                        + "forbidden: exceeded quota: smartcloudops-quota, requested: limits.memory=1Gi, "
                        + "used: limits.memory=31Gi, limited: limits.memory=32Gi", now),
                condition("Progressing", "False", "ProgressDeadlineExceeded",
                        "ReplicaSet \"smartcloudops-notifier-7b8c9d0e1f\" has timed out progressing.", now)));
        // the worker whose pod the estate already has: one replica, below critical-min-ready
        deployment(client, "smartcloudops-worker", 1, 1, 1, List.of(
                condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now),
                condition("Progressing", "True", "NewReplicaSetAvailable",
                        "ReplicaSet \"smartcloudops-worker-5c6d7e8f9b\" has successfully progressed.", now)));

        hpa(client, "smartcloudops-frontend", 1, 2, 2, 94);
        hpa(client, "smartcloudops-api", 3, 10, 3, 45);

        // the API has 2 ready of 3 and the budget needs 2: kubectl drain evicts none of them
        DemoObjects.createWithStatus(client, new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("smartcloudops-api").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(2))
                .withNewSelector().addToMatchLabels("app", "smartcloudops-api").endSelector().endSpec()
                .withNewStatus().withExpectedPods(3).withCurrentHealthy(2).withDesiredHealthy(2)
                .withDisruptionsAllowed(0).withObservedGeneration(1L).endStatus().build());
        DemoObjects.createWithStatus(client, new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("smartcloudops-frontend").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1))
                .withNewSelector().addToMatchLabels("app", "smartcloudops-frontend").endSelector().endSpec()
                .withNewStatus().withExpectedPods(2).withCurrentHealthy(2).withDesiredHealthy(1)
                .withDisruptionsAllowed(1).withObservedGeneration(1L).endStatus().build());

        daemonSet(client, "fluentd", "fluent/fluentd-kubernetes-daemonset:v1.16", 5, 4);
        daemonSet(client, "prometheus-node-exporter", "quay.io/prometheus/node-exporter:v1.8.2", 5, 5);

        // the nightly backup failed its last run; the cache warm-up every 30 minutes is fine
        Instant backup = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        cronJob(client, "smartcloudops-db-backup", "0 " + backup.atZone(ZoneOffset.UTC).getHour() + " * * *", backup,
                backup.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(2)));
        job(client, "smartcloudops-db-backup", backup.minus(Duration.ofDays(1)), true);
        job(client, "smartcloudops-db-backup", backup, false);
        Instant warmup = now.minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
        cronJob(client, "smartcloudops-cache-warmup", "*/30 * * * *", warmup, warmup.plus(Duration.ofMinutes(2)));
        job(client, "smartcloudops-cache-warmup", warmup, true);
    }

    private static void deployment(KubernetesClient client, String name, int replicas, int ready, int updated,
                                   List<DeploymentCondition> conditions) {
        DemoObjects.createWithStatus(client, new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName(name).withImage("smartcloudops/" + name + ":2.1.0").endContainer()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(2L).withReplicas(replicas).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withUpdatedReplicas(updated).withConditions(conditions).endStatus()
                .build());
    }

    private static DeploymentCondition condition(String type, String status, String reason, String message,
                                                 Instant now) {
        String at = now.minus(Duration.ofMinutes(50)).toString();
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(at).withLastUpdateTime(at).build();
    }

    private static void hpa(KubernetesClient client, String name, int min, int max, int current, int cpuPercent) {
        HorizontalPodAutoscalerBuilder hpa = new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withMinReplicas(min).withMaxReplicas(max)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .endScaleTargetRef()
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(70).endTarget().endResource().endMetric()
                .endSpec()
                .withNewStatus().withCurrentReplicas(current).withDesiredReplicas(current)
                .addNewCurrentMetric().withType("Resource").withNewResource().withName("cpu").withNewCurrent()
                .withAverageUtilization(cpuPercent).endCurrent().endResource().endCurrentMetric()
                .endStatus();
        if (current >= max) {
            hpa.editStatus().addNewCondition().withType("ScalingLimited").withStatus("True")
                    .withReason("TooManyReplicas")
                    .withMessage("the desired replica count is more than the maximum replica count").endCondition()
                    .endStatus();
        }
        DemoObjects.createWithStatus(client, hpa.build());
    }

    private static void daemonSet(KubernetesClient client, String name, String image, int desired, int ready) {
        DemoObjects.createWithStatus(client, new DaemonSetBuilder()
                .withNewMetadata().withName(name).withNamespace(MONITORING).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app.kubernetes.io/name", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image).endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired)
                .withUpdatedNumberScheduled(desired).withNumberReady(ready).withNumberAvailable(ready)
                .withNumberUnavailable(desired > ready ? desired - ready : null).withNumberMisscheduled(0)
                .withObservedGeneration(1L).endStatus().build());
    }

    private static void cronJob(KubernetesClient client, String name, String schedule, Instant lastSchedule,
                                Instant lastSuccess) {
        DemoObjects.createWithStatus(client, new CronJobBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withUid("uid-" + name).endMetadata()
                .withNewSpec().withSchedule(schedule).withNewJobTemplate().withNewSpec().withBackoffLimit(6)
                .withNewTemplate().withNewSpec().addNewContainer().withName(name)
                .withImage("smartcloudops/" + name + ":2.1.0").endContainer().withRestartPolicy("OnFailure")
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec()
                .withNewStatus().withLastScheduleTime(lastSchedule.toString())
                .withLastSuccessfulTime(lastSuccess.toString()).endStatus().build());
    }

    /** A Job as the CronJob controller names it: the scheduled time in minutes since the epoch. */
    private static void job(KubernetesClient client, String cronJob, Instant scheduled, boolean succeeded) {
        JobStatusBuilder status = new JobStatusBuilder().withStartTime(scheduled.plusSeconds(1).toString());
        if (succeeded) {
            status.withSucceeded(1).withCompletionTime(scheduled.plus(Duration.ofMinutes(2)).toString())
                    .addNewCondition().withType("Complete").withStatus("True").endCondition();
        } else {
            status.withFailed(6).addNewCondition().withType("Failed").withStatus("True")
                    .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                    .endCondition();
        }
        DemoObjects.createWithStatus(client, new JobBuilder()
                .withNewMetadata().withName(cronJob + "-" + scheduled.getEpochSecond() / 60).withNamespace(NAMESPACE)
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob").withName(cronJob)
                .withUid("uid-" + cronJob).withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withBackoffLimit(6).withNewTemplate().withNewSpec().addNewContainer().withName(cronJob)
                .withImage("smartcloudops/" + cronJob + ":2.1.0").endContainer().withRestartPolicy("OnFailure")
                .endSpec().endTemplate().endSpec()
                .withStatus(status.build()).build());
    }
}
