package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobCheckTest {

    @Test
    void aHostileJobNameIsQuotedInEveryCommandAndItsMessageCleaned() throws Exception {
        String hostile = "db-$(touch pwned);`id`";
        k8s.create(failed(job(hostile, ago(3)), ago(2)).editStatus().editFirstCondition()
                .withMessage("<script>alert(1)</script>\u0000\r\n=HYPERLINK(\"http://evil\")").endCondition()
                .endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.resource().name()).isEqualTo(hostile);
            assertThat(f.detail()).endsWith(": <script>alert(1)</script>\uFFFD\r\n=HYPERLINK(\"http://evil\")");
            assertThat(f.remediation()).contains("kubectl describe job 'db-$(touch pwned);`id`' -n " + NS)
                    .contains("-l job-name='db-$(touch pwned);`id`'")
                    .contains("kubectl logs job/'db-$(touch pwned);`id`' -n " + NS).doesNotContain(" db-$(");
        });
    }

    private static final String NS = KubernetesFixtures.NAMESPACE;

    private KubernetesFixtures k8s;
    private JobCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
        check = new JobCheck(k8s.clusters(Map.of("window", "24h")));
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void aJobOfItsOwnThatFailedWithinTheWindowIsK8s309() throws Exception {
        k8s.create(failed(job("db-migrate-42", ago(3)), ago(2)).build(),
                // failed before the window
                failed(job("backfill-1", ago(30)), ago(25)).build(),
                // a CronJob's: K8S-307's to judge
                failed(job("db-backup-7", ago(1)), ago(1)).editMetadata().addNewOwnerReference().withKind("CronJob")
                        .withName("db-backup").withApiVersion("batch/v1").withUid("u-1").endOwnerReference()
                        .endMetadata().build(),
                // still retrying, and one that succeeded
                job("reindex", ago(1)).editStatus().withFailed(2).withActive(1).endStatus().build(),
                job("seed", ago(1)).editStatus().withSucceeded(1).addNewCondition().withType("Complete")
                        .withStatus("True").endCondition().endStatus().build());

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-309");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Job", NS, "db-migrate-42"));
            assertThat(f.title()).isEqualTo("Job " + NS + "/db-migrate-42 failed: BackoffLimitExceeded");
            assertThat(f.detail()).isEqualTo("6 pods failed, 0 succeeded, started " + ago(3)
                    + ": Job has reached the specified backoff limit");
            assertThat(f.remediation())
                    .contains("kubectl describe job db-migrate-42 -n " + NS)
                    .contains("kubectl get pods -n " + NS + " -l job-name=db-migrate-42")
                    .contains("kubectl logs job/db-migrate-42 -n " + NS + " --tail=100");
        });
    }

    private static Instant ago(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    private static JobBuilder job(String name, Instant started) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withBackoffLimit(6).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName(name).withImage("smartcloudops/tools:1.4").endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withStartTime(started.toString()).endStatus();
    }

    private static JobBuilder failed(JobBuilder job, Instant at) {
        return job.editStatus().withFailed(6).addNewCondition().withType("Failed").withStatus("True")
                .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                .withLastTransitionTime(at.toString()).endCondition().endStatus();
    }
}
