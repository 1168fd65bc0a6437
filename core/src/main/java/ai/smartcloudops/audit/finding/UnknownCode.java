package ai.smartcloudops.audit.finding;

import java.util.Objects;

/**
 * A stored code the catalogue no longer holds (retired since its row was written). It keeps the stored code and
 * area, so an old run reads back, reports and fingerprints as it was written; what only the catalogue knew (title
 * and remediation templates, runbook, owner) is empty, and the platform team, which gets what no other team owns,
 * is its team. Its severity is never used: a stored finding carries its own.
 */
public record UnknownCode(String code, Area area) implements FindingCode {

    public UnknownCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(area, "area");
    }

    @Override
    public Definition definition() {
        return new Definition(code, Severity.P3, area, Team.PLATFORM, "", "", code, "", "");
    }
}
