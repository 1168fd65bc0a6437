package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Resource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a check found wrong with one resource, before it is a finding: the engine fills the code's templates and
 * gives it its severity through the {@link SeverityPolicy}.
 *
 * @param grade  the code's {@link Grade} the check found, {@link Grade#DEFAULT} for its default severity
 * @param facts  what the check saw, kept as the finding's evidence
 * @param values what the templates need besides the facts (how to reach the resource), kept out of the evidence
 */
public record Problem(FindingCode code, String grade, Resource resource, Map<String, Object> facts,
                      Map<String, Object> values) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(resource, "resource");
        facts = ordered(facts);
        values = ordered(values);
    }

    public static Problem of(FindingCode code, Resource resource, Map<String, ?> facts) {
        return graded(code, Grade.DEFAULT, resource, facts);
    }

    public static Problem graded(FindingCode code, String grade, Resource resource, Map<String, ?> facts) {
        return new Problem(code, grade, resource, ordered(facts), Map.of());
    }

    /** An unmodifiable copy that keeps the facts' order (the evidence shows them in the order reported). */
    private static Map<String, Object> ordered(Map<String, ?> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
