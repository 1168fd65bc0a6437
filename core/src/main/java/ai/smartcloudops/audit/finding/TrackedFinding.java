package ai.smartcloudops.audit.finding;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A run's finding with its state against the previous run and when it was first seen; the state is null while the
 * run has not been diffed (a run that failed before its diff).
 */
public record TrackedFinding(Finding finding, FindingState state, Instant firstSeen) {

    /** Most severe first, then by area, code, target and resource. */
    public static final Comparator<TrackedFinding> ORDER = Comparator
            .comparing((TrackedFinding t) -> t.finding().severity())
            .thenComparing(t -> t.finding().area().id())
            .thenComparing(t -> t.finding().code().code())
            .thenComparing(t -> t.finding().target())
            .thenComparing(t -> t.finding().resource().path());

    public TrackedFinding {
        Objects.requireNonNull(finding, "finding");
    }
}
