package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-309: a Job of its own (a migration, a one-off backfill) that failed within the window. A CronJob's Jobs are
 * K8S-307's: what matters there is whether the schedule still succeeds.
 */
@Component
public class JobCheck extends KubernetesCheck {

    static final String ID = "kubernetes.jobs";

    public JobCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.JOBS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Instant since = context.now().minus(clusters.properties().window());
        return Inspection.each(Job.class, (job, findings) -> {
            boolean ownedByCronJob = KubernetesObjects.list(job.getMetadata().getOwnerReferences()).stream()
                    .anyMatch(o -> "CronJob".equals(o.getKind()));
            JobStatus status = job.getStatus();
            if (ownedByCronJob || status == null) {
                return;
            }
            Optional<JobCondition> failed = KubernetesObjects.condition(status.getConditions(), JobCondition::getType,
                    "Failed").filter(c -> "True".equals(c.getStatus()));
            Instant started = Optional.ofNullable(KubernetesObjects.instant(status.getStartTime()))
                    .orElse(KubernetesObjects.instant(job.getMetadata().getCreationTimestamp()));
            Instant at = failed.map(c -> KubernetesObjects.instant(c.getLastTransitionTime())).orElse(started);
            if (failed.isEmpty() || at != null && at.isBefore(since)) {
                return;
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("reason", KubernetesObjects.orElse(failed.get().getReason(), "Failed"));
            facts.put("failed", KubernetesObjects.count(status.getFailed()));
            facts.put("succeeded", KubernetesObjects.count(status.getSucceeded()));
            facts.put("started", started == null ? "at an unknown time" : started.toString());
            facts.put("message", KubernetesObjects.orElse(failed.get().getMessage(), "no message"));
            findings.add(Problem.of(KubernetesCode.K8S_309, KubernetesObjects.resource("Job", job), facts));
        });
    }
}
