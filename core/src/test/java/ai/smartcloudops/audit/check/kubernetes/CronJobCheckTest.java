package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CronJobCheckTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private CronJobCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new CronJobCheck(k8s.clusters(Map.of("window", "24h")));
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void aLatestJobThatFailedIsK8s307() throws Exception {
        k8s.create(cronJob("db-backup", ago(2), ago(26)).build(),
                job("db-backup-1", "db-backup", ago(26)).editStatus().withSucceeded(1)
                        .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build(),
                job("db-backup-2", "db-backup", ago(2)).editStatus().withFailed(6)
                        .addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                        .withMessage("Job has reached the specified backoff limit").endCondition()
                        .endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-307");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("CronJob", NS, "db-backup"));
            assertThat(f.title()).isEqualTo("CronJob " + NS + "/db-backup did not succeed: its last job failed");
            assertThat(f.detail()).isEqualTo("job db-backup-2 failed with 6 failed pods (BackoffLimitExceeded: "
                    + "Job has reached the specified backoff limit); last scheduled " + ago(2) + ", last success "
                    + ago(26) + ".");
            assertThat(f.evidence()).containsEntry("job", "db-backup-2").containsEntry("failed", "6")
                    .containsEntry("lastSuccess", ago(26).toString());
            assertThat(f.remediation())
                    .contains("kubectl describe cronjob db-backup -n " + NS)
                    .contains("kubectl describe job db-backup-2 -n " + NS)
                    .contains("kubectl logs job/db-backup-2 -n " + NS + " --tail=100")
                    .contains("kubectl create job --from=cronjob/db-backup db-backup-manual -n " + NS);
        });
    }

    @Test
    void onlyTheLatestJobWithinTheWindowCounts() throws Exception {
        k8s.create(
                // failed earlier, succeeded since
                cronJob("cleanup", ago(1), ago(1)).build(),
                job("cleanup-1", "cleanup", ago(3)).editStatus().withFailed(1).endStatus().build(),
                job("cleanup-2", "cleanup", ago(1)).editStatus().withSucceeded(1).withFailed(1)
                        .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build(),
                // failed just outside the window
                cronJob("weekly-report", ago(25), ago(24 * 8)).build(),
                job("weekly-report-1", "weekly-report", NOW.minus(Duration.ofHours(24)).minusSeconds(1))
                        .editStatus().withFailed(1).endStatus().build(),
                // running now, the previous success is older than the schedule
                cronJob("sync", NOW.minus(Duration.ofMinutes(5)), ago(23)).build(),
                job("sync-2", "sync", NOW.minus(Duration.ofMinutes(5))).editStatus().withActive(1).endStatus().build(),
                // a failed Job no CronJob owns is not this check's
                new JobBuilder(job("migrate", "other", ago(1)).editStatus().withFailed(3).endStatus().build())
                        .editMetadata().withOwnerReferences(List.of()).endMetadata().build());

        assertThat(KubernetesFixtures.run(check)).isEmpty();
    }

    @Test
    void failedPodsWithoutSuccessAndAScheduleWithoutAnyJobLeftAreReported() throws Exception {
        k8s.create(cronJob("retrying", ago(1), ago(25)).build(),
                job("retrying-1", "retrying", ago(1)).editStatus().withFailed(2).withActive(1).endStatus().build(),
                cronJob("pruned", ago(3), ago(27)).build(),
                // exactly at the window's start still counts
                cronJob("edge", ago(24), null).build());

        List<Finding> findings = KubernetesFixtures.run(check);

        assertThat(findings).extracting(f -> f.resource().name()).containsExactly("retrying", "pruned", "edge");
        assertThat(findings.get(0).detail()).isEqualTo("job retrying-1 failed with 2 failed pods (still retrying, "
                + "1 active); last scheduled " + ago(1) + ", last success " + ago(25) + ".");
        assertThat(findings.get(1).title()).isEqualTo("CronJob " + NS
                + "/pruned did not succeed: no success since its last schedule");
        assertThat(findings.get(1).detail()).isEqualTo("no job of that schedule is left to inspect; last scheduled "
                + ago(3) + ", last success " + ago(27) + ".");
        assertThat(findings.get(1).remediation()).contains("kubectl get jobs -n " + NS);
        assertThat(findings.get(2).evidence()).containsEntry("lastSuccess", "never");
    }

    private static Instant ago(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    private static CronJobBuilder cronJob(String name, Instant lastSchedule, Instant lastSuccess) {
        return new CronJobBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withSchedule("0 * * * *").withNewJobTemplate().withNewSpec().withNewTemplate()
                .withNewSpec().addNewContainer().withName(name).withImage("smartcloudops/" + name + ":1.0")
                .endContainer().withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec().endJobTemplate()
                .endSpec()
                .withNewStatus().withLastScheduleTime(lastSchedule == null ? null : lastSchedule.toString())
                .withLastSuccessfulTime(lastSuccess == null ? null : lastSuccess.toString()).endStatus();
    }

    private static JobBuilder job(String name, String cronJob, Instant started) {
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(NS)
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob").withName(cronJob)
                .withUid("uid-" + cronJob).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName(name)
                .withImage("smartcloudops/" + cronJob + ":1.0").endContainer().withRestartPolicy("Never")
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withStartTime(started.toString()).endStatus();
    }
}
