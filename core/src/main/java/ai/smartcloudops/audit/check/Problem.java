package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Grade;
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
 * @param waiver why the resource's owner waived it, null when nobody did
 */
public record Problem(FindingCode code, String grade, Resource resource, Map<String, Object> facts,
                      Map<String, Object> values, String waiver) {

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
        return new Problem(code, grade, resource, ordered(facts), Map.of(), null);
    }

    /** This problem, whose templates also fill {@code more}. */
    public Problem withValues(Map<String, ?> more) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.putAll(more);
        return new Problem(code, grade, resource, facts, all, waiver);
    }

    /** This problem, with one more fact seen after the check inspected (a read for its finding alone). */
    public Problem withFact(String name, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.put(name, value);
        return new Problem(code, grade, resource, all, values, waiver);
    }

    /** This problem, waived for the reason given. */
    public Problem waive(String reason) {
        return new Problem(code, grade, resource, facts, values, Objects.requireNonNull(reason, "reason"));
    }

    /** An unmodifiable copy that keeps the facts' order (the evidence shows them in the order reported). */
    private static Map<String, Object> ordered(Map<String, ?> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
