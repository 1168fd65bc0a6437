package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Severity;
import java.util.Objects;

/**
 * A registered finding code. One enum per area implements this; the enum constant carries everything a
 * finding says, so a check never builds message text itself. Templates use {@code {placeholder}} names that
 * are filled from the resource ({@code target}, {@code kind}, {@code namespace}, {@code name}) and the facts
 * the check reports.
 */
public interface FindingCode {

    Definition definition();

    /** e.g. {@code K8S-101}. */
    default String code() {
        return definition().code();
    }

    default Severity severity() {
        return definition().severity();
    }

    default Area area() {
        return definition().area();
    }

    default String title() {
        return definition().title();
    }

    default String detail() {
        return definition().detail();
    }

    /** The guide's resolution steps and commands. */
    default String remediation() {
        return definition().remediation();
    }

    /** The section of the troubleshooting guide this code comes from. */
    default String runbook() {
        return definition().runbook();
    }

    default Team team() {
        return definition().team();
    }

    /** The id of the check that raises this code. */
    default String owner() {
        return definition().owner();
    }

    /** Everything a code says, in one value. */
    record Definition(String code, Severity severity, Area area, Team team, String owner, String runbook,
                      String title, String detail, String remediation) {

        public Definition {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(severity, code + ": severity");
            Objects.requireNonNull(area, code + ": area");
            Objects.requireNonNull(team, code + ": team");
            Objects.requireNonNull(owner, code + ": owner");
            Objects.requireNonNull(runbook, code + ": runbook");
            Objects.requireNonNull(title, code + ": title");
            Objects.requireNonNull(detail, code + ": detail");
            Objects.requireNonNull(remediation, code + ": remediation");
        }
    }
}
