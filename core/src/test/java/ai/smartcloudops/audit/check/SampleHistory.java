package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Sample;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The samples a check's next run sees, as the store would give them back. */
public final class SampleHistory {

    private SampleHistory() {
    }

    /** What {@code previous} recorded, taken at {@code at}. */
    public static Samples after(Samples previous, Instant at) {
        Map<Sample.Key, Double> recorded = previous.recorded();
        return new Samples((target, name) -> Optional.ofNullable(recorded.get(new Sample.Key(target, name)))
                .map(value -> new Sample(value, at)));
    }
}
