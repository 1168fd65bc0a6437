package ai.smartcloudops.audit.finding;

import ai.smartcloudops.audit.text.Text;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * One observation of one problem on one resource in one run. Every text is {@link Text#clean cleaned} here, the one
 * boundary between what the estate wrote and what the audit keeps, so no check has to. Made with
 * {@link #of(FindingCode, String, Resource)}.
 *
 * @param checkId  the check that produced it (coverage decides whether an absent finding is resolved)
 * @param evidence small ordered key/value facts shown beside the finding
 * @param waiver   why the finding is waived (kept and reported, never escalated nor scored); null when it is not
 */
public record Finding(FindingCode code, Severity severity, String target, Resource resource, String title,
                      String detail, Map<String, String> evidence, String remediation, String fingerprint,
                      String checkId, String waiver) {

    /** Most severe first, then by area, code, target and resource. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.area().id())
            .thenComparing(f -> f.code().code())
            .thenComparing(Finding::target)
            .thenComparing(f -> f.resource().path());

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(checkId, "checkId");
        target = Text.clean(target);
        title = Text.clean(title);
        detail = detail == null ? "" : Text.clean(detail);
        remediation = remediation == null ? "" : Text.clean(remediation);
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(Text.clean(evidence));
        String expected = Fingerprint.of(code.code(), target, resource);
        if (fingerprint == null) {
            fingerprint = expected;
        } else if (!fingerprint.equals(expected)) {
            throw new IllegalArgumentException("fingerprint of " + code.code() + " on " + resource.path()
                    + " does not match its code, target and resource");
        }
        waiver = waiver == null || waiver.isBlank() ? null : Text.clean(waiver);
    }

    /**
     * A finding of {@code code} on a resource of a target, at the code's default severity and owned by the code's
     * check until told otherwise; it needs a title before it is built.
     */
    public static Builder of(FindingCode code, String target, Resource resource) {
        return new Builder(code, target, resource);
    }

    /** A builder holding this finding, to make one that differs in a few parts. */
    public Builder toBuilder() {
        return of(code, target, resource).severity(severity).title(title).detail(detail).evidence(evidence)
                .remediation(remediation).fingerprint(fingerprint).checkId(checkId).waiver(waiver);
    }

    public Area area() {
        return code.area();
    }

    public boolean waived() {
        return waiver != null;
    }

    /** This finding, waived for the reason given. */
    public Finding waive(String reason) {
        return toBuilder().waiver(reason).build();
    }

    /** The parts of a finding besides its identity (code, target, resource); {@link Finding} checks them. */
    public static final class Builder {

        private final FindingCode code;
        private final String target;
        private final Resource resource;
        private Severity severity;
        private String title;
        private String detail;
        private Map<String, String> evidence;
        private String remediation;
        private String fingerprint;
        private String checkId;
        private String waiver;

        private Builder(FindingCode code, String target, Resource resource) {
            this.code = Objects.requireNonNull(code, "code");
            this.target = target;
            this.resource = resource;
            this.severity = code.severity();
            this.checkId = code.owner();
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder evidence(Map<String, String> evidence) {
            this.evidence = evidence;
            return this;
        }

        public Builder remediation(String remediation) {
            this.remediation = remediation;
            return this;
        }

        /** The fingerprint a stored finding was saved with; it must match, and is computed when not given. */
        public Builder fingerprint(String fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        /** The check that raised it, when not the code's owner (the sweep raises AUDIT codes for any check). */
        public Builder checkId(String checkId) {
            this.checkId = checkId;
            return this;
        }

        public Builder waiver(String waiver) {
            this.waiver = waiver;
            return this;
        }

        public Finding build() {
            return new Finding(code, severity, target, resource, title, detail, evidence, remediation, fingerprint,
                    checkId, waiver);
        }
    }
}
