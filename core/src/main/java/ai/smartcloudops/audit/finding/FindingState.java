package ai.smartcloudops.audit.finding;

import ai.smartcloudops.audit.text.Labels;
import java.util.Locale;

/**
 * A finding against the previous run of the same job ({@link FindingStore#diff}); {@link #toString()} is the word
 * stored in {@code run_finding_state.state} and shown.
 */
public enum FindingState {

    /** Never seen, seen again after it was resolved, or no longer waived. */
    NEW,
    PERSISTING,
    /** Its severity went up. */
    REGRESSED,
    /** Found by the previous run, no longer by this one. */
    RESOLVED;

    private final String label = name().toLowerCase(Locale.ROOT);

    public static FindingState of(String label) {
        return Labels.parse(FindingState.class, label);
    }

    /** Notified when found: only what is new or worse pages anyone. */
    public boolean notifies() {
        return this == NEW || this == REGRESSED;
    }

    @Override
    public String toString() {
        return label;
    }
}
