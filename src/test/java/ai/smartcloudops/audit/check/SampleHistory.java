package ai.smartcloudops.audit.check;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The samples a check's next run sees, as the store would give them back. */
public final class SampleHistory {

    private SampleHistory() {
    }

    /** What {@code previous} recorded, taken at {@code at}. */
    public static Samples after(Samples previous, Instant at) {
        Map<Samples.Key, Double> recorded = previous.recorded();
        return new Samples((target, name) -> Optional.ofNullable(recorded.get(new Samples.Key(target, name)))
                .map(value -> new Samples.Sample(value, at)));
    }
}
