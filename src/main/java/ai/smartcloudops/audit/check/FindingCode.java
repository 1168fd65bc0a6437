package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Severity;

/**
 * A registered finding code. One enum per area implements this; the enum constant carries everything a
 * finding says, so a check never builds message text itself. Templates use {@code {placeholder}} names that
 * are filled from the resource ({@code target}, {@code kind}, {@code namespace}, {@code name}) and the facts
 * the check reports.
 */
public interface FindingCode {

    /** e.g. {@code K8S-101}. */
    String code();

    Severity severity();

    Area area();

    String title();

    String detail();

    /** The guide's resolution steps and commands. */
    String remediation();

    /** The section of the troubleshooting guide this code comes from. */
    String runbook();

    Team team();

    /** The id of the check that raises this code. */
    String owner();
}
