package ai.smartcloudops.audit.finding;

import java.util.List;
import java.util.Optional;

/** The runs a report reads: the run itself, the one its diff compared with, and the recent runs of its job. */
public interface RunHistory {

    /** The run; an unknown id is refused. */
    AuditRun get(long runId);

    /** The last completed run of the same job before this one: what a diff compares against. */
    Optional<AuditRun> previous(long runId, String job);

    /** Up to {@code limit} runs of the job ending with this one, oldest first. */
    List<AuditRun> recent(long runId, String job, int limit);
}
