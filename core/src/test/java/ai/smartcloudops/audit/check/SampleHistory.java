package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Sample;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The samples a check's next run sees, as the store would give them back. */
public final class SampleHistory {

    private SampleHistory() {
    }

    /** What {@code previous} recorded, taken at {@code at}. */
    public static Samples after(Samples previous, Instant at) {
        Map<Sample.Key, Double> recorded = previous.recorded();
        return new Samples((target, name) -> Optional.ofNullable(recorded.get(new Sample.Key(target, name)))
                .map(value -> new Sample(value, at)), (target, prefix) -> recorded.entrySet().stream()
                .filter(e -> e.getKey().target().equals(target) && e.getKey().name().startsWith(prefix))
                .collect(Collectors.toMap(e -> e.getKey().name(), e -> new Sample(e.getValue(), at))));
    }
}
