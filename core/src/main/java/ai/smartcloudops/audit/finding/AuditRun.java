package ai.smartcloudops.audit.finding;

import java.time.Instant;
import java.util.Objects;

/**
 * A run of a job as stored in {@code audit_run}; finishedAt and score are null while it runs; runKey is null and
 * shards 1 unless the pods of an Indexed Job write it together.
 */
public record AuditRun(long id, String job, String trigger, Instant startedAt, Instant finishedAt, RunStatus status,
                       Integer score, String options, String runKey, int shards) {

    public AuditRun {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(status, "status");
    }
}
