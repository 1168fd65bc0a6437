package ai.smartcloudops.audit.finding;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A run's finding with its state against the previous run, when it was first seen and when its owner must have
 * answered it (the escalation matrix's response time since it opened); the state is null while the run has not been
 * diffed (a run that failed before its diff), the due time null for a finding no one is due to answer (waived,
 * resolved) or not yet judged.
 */
public record TrackedFinding(Finding finding, FindingState state, Instant firstSeen, Instant due) {

    /** Most severe first, then by area, code, target and resource. */
    public static final Comparator<TrackedFinding> ORDER = Comparator.comparing(TrackedFinding::finding,
            Finding.ORDER);

    public TrackedFinding {
        Objects.requireNonNull(finding, "finding");
    }

    public TrackedFinding(Finding finding, FindingState state, Instant firstSeen) {
        this(finding, state, firstSeen, null);
    }

    public TrackedFinding withDue(Instant due) {
        return new TrackedFinding(finding, state, firstSeen, due);
    }

    /** Whether it was due before {@code at} and is still open. */
    public boolean overdue(Instant at) {
        return due != null && due.isBefore(at);
    }
}
