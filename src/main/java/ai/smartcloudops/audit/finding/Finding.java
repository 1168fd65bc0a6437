package ai.smartcloudops.audit.finding;

import ai.smartcloudops.audit.text.Text;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * One observation of one problem on one resource in one run. Every text is {@link Text#clean cleaned} here, the one
 * boundary between what the estate wrote and what the audit keeps, so no check has to.
 *
 * @param checkId  the check that produced it (coverage decides whether an absent finding is resolved)
 * @param evidence small ordered key/value facts shown beside the finding
 * @param waiver   why the finding is waived (kept and reported, never escalated nor scored); null when it is not
 */
public record Finding(String code, Severity severity, String area, String target, Resource resource,
                      String title, String detail, Map<String, String> evidence, String remediation,
                      String fingerprint, String checkId, String waiver) {

    public Finding(String code, Severity severity, String area, String target, Resource resource, String title,
                   String detail, Map<String, String> evidence, String remediation, String fingerprint,
                   String checkId) {
        this(code, severity, area, target, resource, title, detail, evidence, remediation, fingerprint, checkId,
                null);
    }

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(checkId, "checkId");
        target = Text.clean(target);
        title = Text.clean(title);
        detail = detail == null ? "" : Text.clean(detail);
        remediation = remediation == null ? "" : Text.clean(remediation);
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(Text.clean(evidence));
        String expected = Fingerprint.of(code, target, resource);
        if (fingerprint == null) {
            fingerprint = expected;
        } else if (!fingerprint.equals(expected)) {
            throw new IllegalArgumentException("fingerprint of " + code + " on " + resource.path()
                    + " does not match its code, target and resource");
        }
        waiver = waiver == null || waiver.isBlank() ? null : Text.clean(waiver);
    }

    public boolean waived() {
        return waiver != null;
    }

    /** This finding, waived for the reason given. */
    public Finding waive(String reason) {
        return new Finding(code, severity, area, target, resource, title, detail, evidence, remediation,
                fingerprint, checkId, reason);
    }
}
