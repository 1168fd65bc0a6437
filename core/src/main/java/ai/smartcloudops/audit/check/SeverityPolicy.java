package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Severity;
import java.util.Map;

/**
 * The one place a finding's severity is decided: the code's configured override ({@code
 * health-audit.severity-overrides}), which holds for every grade of the code, or else the severity of the grade the
 * check found.
 */
public record SeverityPolicy(Map<String, Severity> overrides) {

    /** Every code at the severities its definition gives. */
    public static final SeverityPolicy DEFAULTS = new SeverityPolicy(Map.of());

    public SeverityPolicy {
        overrides = Map.copyOf(overrides);
    }

    public Severity severity(FindingCode code, String grade) {
        // the grade is checked even where an override hides it: a misnamed grade is a bug in the check
        Severity graded = code.severity(grade);
        return overrides.getOrDefault(code.code(), graded);
    }
}
