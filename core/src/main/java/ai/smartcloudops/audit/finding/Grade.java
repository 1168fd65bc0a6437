package ai.smartcloudops.audit.finding;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named severity of a graded code besides its default one: K8S-301 is P1, and P0 when no replica is available. A
 * check says which grade it found; the severity policy says what severity that is.
 *
 * @param name what the grade means, as docs/checks.md shows it ("no replica available")
 */
public record Grade(String name, Severity severity) {

    /** The grade of a finding at its code's default severity. */
    public static final String DEFAULT = "default";

    /**
     * The grades of a code whose severity the configuration sets per item (a PromQL check's {@code severity}): one
     * for each severity, named by {@link #configured(Severity)}.
     */
    public static Grade[] configured() {
        return Arrays.stream(Severity.values()).map(s -> new Grade(configured(s), s)).toArray(Grade[]::new);
    }

    /** The grade of an item configured at {@code severity}. */
    public static String configured(Severity severity) {
        return "configured " + severity;
    }

    public Grade {
        Objects.requireNonNull(severity, "severity");
        if (name == null || name.isBlank() || name.equals(DEFAULT)) {
            throw new IllegalArgumentException("a grade needs a name other than '" + DEFAULT + "', not " + name);
        }
    }
}
