package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-307: a CronJob whose latest run within the window failed, or that was scheduled within the window
 * and has not succeeded since. CronJobs are listed before Jobs; while the Jobs stream by, only a summary of
 * each CronJob's latest Job is kept.
 */
@Component
public class CronJobCheck extends KubernetesCheck {

    static final String ID = "kubernetes.cronjobs";

    public CronJobCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.CRONJOBS, Kind.JOBS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Instant since = context.now().minus(clusters.properties().window());
        Map<String, Summary> cronJobs = new LinkedHashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof CronJob cronJob) {
                    cronJobs.put(key(cronJob.getMetadata().getNamespace(), cronJob.getMetadata().getName()),
                            Summary.of(cronJob));
                } else if (object instanceof Job job) {
                    owner(job).map(o -> cronJobs.get(key(job.getMetadata().getNamespace(), o)))
                            .ifPresent(summary -> summary.add(job, since));
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                cronJobs.values().forEach(s -> judge(since, s).ifPresent(findings::add));
                return findings;
            }
        };
    }

    private static Optional<Problem> judge(Instant since, Summary summary) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (summary.latest != null) {
            if (!summary.latest.failed) {
                return Optional.empty();
            }
            facts.put("problem", "its last job failed");
            facts.put("job", summary.latest.name);
            facts.put("failed", summary.latest.failedPods);
            facts.put("outcome", "job " + summary.latest.name + " failed with " + summary.latest.failedPods
                    + " failed pods (" + summary.latest.reason + ")");
        } else if (summary.lastSchedule != null && !summary.lastSchedule.isBefore(since)
                && (summary.lastSuccess == null || summary.lastSuccess.isBefore(summary.lastSchedule))) {
            // the run of the last schedule did not succeed and its Job is gone (history limits, TTL)
            facts.put("problem", "no success since its last schedule");
            facts.put("job", "<job>");
            facts.put("failed", "unknown");
            facts.put("outcome", "no job of that schedule is left to inspect");
        } else {
            return Optional.empty();
        }
        facts.put("lastSchedule", summary.lastSchedule == null ? "never" : summary.lastSchedule.toString());
        facts.put("lastSuccess", summary.lastSuccess == null ? "never" : summary.lastSuccess.toString());
        return Optional.of(Problem.of(KubernetesCode.K8S_307, new Resource("CronJob", summary.namespace, summary.name), facts));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** The name of the CronJob that owns the job, if one does. */
    private static Optional<String> owner(Job job) {
        List<OwnerReference> owners = KubernetesObjects.list(job.getMetadata().getOwnerReferences());
        return owners.stream().filter(o -> "CronJob".equals(o.getKind()) && o.getName() != null)
                .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.getController()),
                        Boolean.TRUE.equals(a.getController())))
                .map(OwnerReference::getName).findFirst();
    }

    /** A CronJob's schedule times and its latest Job within the window. */
    private static final class Summary {
        private final String namespace;
        private final String name;
        private final Instant lastSchedule;
        private final Instant lastSuccess;
        private LatestJob latest;

        private Summary(String namespace, String name, Instant lastSchedule, Instant lastSuccess) {
            this.namespace = namespace;
            this.name = name;
            this.lastSchedule = lastSchedule;
            this.lastSuccess = lastSuccess;
        }

        static Summary of(CronJob cronJob) {
            Instant lastSchedule = cronJob.getStatus() == null ? null
                    : KubernetesObjects.instant(cronJob.getStatus().getLastScheduleTime());
            Instant lastSuccess = cronJob.getStatus() == null ? null
                    : KubernetesObjects.instant(cronJob.getStatus().getLastSuccessfulTime());
            return new Summary(cronJob.getMetadata().getNamespace(), cronJob.getMetadata().getName(), lastSchedule,
                    lastSuccess);
        }

        void add(Job job, Instant since) {
            JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
            // the API server's creation time is when the CronJob controller made the Job
            Instant started = Optional.ofNullable(KubernetesObjects.instant(status.getStartTime()))
                    .orElse(KubernetesObjects.instant(job.getMetadata().getCreationTimestamp()));
            if (started == null || started.isBefore(since) || latest != null && !started.isAfter(latest.started)) {
                return;
            }
            latest = LatestJob.of(job.getMetadata().getName(), started, status);
        }
    }

    /** Whether a CronJob's latest Job failed, and why. */
    private record LatestJob(String name, Instant started, boolean failed, int failedPods, String reason) {

        static LatestJob of(String name, Instant started, JobStatus status) {
            Optional<JobCondition> failedCondition = KubernetesObjects.condition(status.getConditions(),
                    JobCondition::getType, "Failed").filter(c -> "True".equals(c.getStatus()));
            boolean complete = KubernetesObjects.condition(status.getConditions(), JobCondition::getType, "Complete")
                    .filter(c -> "True".equals(c.getStatus())).isPresent();
            int failedPods = KubernetesObjects.count(status.getFailed());
            boolean failed = failedCondition.isPresent()
                    || failedPods > 0 && !complete && KubernetesObjects.count(status.getSucceeded()) == 0;
            String reason = failedCondition
                    .map(c -> KubernetesObjects.orElse(c.getReason(), "Failed") + ": "
                            + KubernetesObjects.orElse(c.getMessage(), "no message"))
                    .orElse(KubernetesObjects.count(status.getActive()) > 0
                            ? "still retrying, " + status.getActive() + " active"
                            : "no Failed condition reported");
            return new LatestJob(name, started, failed, failedPods, reason);
        }
    }
}
