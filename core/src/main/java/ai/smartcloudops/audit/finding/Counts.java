package ai.smartcloudops.audit.finding;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Findings per severity, every severity present: the one count of the summary, the trend, the score and the API.
 * Waived findings are kept and reported but never counted, scored or escalated.
 */
public record Counts(Map<Severity, Integer> bySeverity) {

    public Counts {
        Map<Severity, Integer> all = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            int n = bySeverity.getOrDefault(s, 0);
            if (n < 0) {
                throw new IllegalArgumentException("a count cannot be negative: " + s + " " + n);
            }
            all.put(s, n);
        }
        bySeverity = Collections.unmodifiableMap(all);
    }

    public static Counts of(Collection<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        findings.stream().filter(f -> !f.waived()).forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return new Counts(counts);
    }

    public int get(Severity severity) {
        return bySeverity.get(severity);
    }

    /** How many are at or above a severity: what --fail-on judges. */
    public int atLeast(Severity threshold) {
        return bySeverity.entrySet().stream().filter(e -> e.getKey().atLeast(threshold))
                .mapToInt(Map.Entry::getValue).sum();
    }
}
