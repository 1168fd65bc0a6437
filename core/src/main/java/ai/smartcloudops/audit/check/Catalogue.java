package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Schedule;
import java.util.List;
import java.util.stream.Collectors;

/** The catalogue of codes with the checks that own them, as a terminal table or as docs/checks.md. */
public final class Catalogue {

    private final FindingCatalogue catalogue;

    public Catalogue(FindingCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public String text() {
        StringBuilder out = new StringBuilder(String.format("%-10s %-3s %-36s %-30s %s%n", "CODE", "SEV", "CHECK",
                "SCHEDULES", "TITLE"));
        for (FindingCode code : catalogue.all()) {
            String jobs = catalogue.schedules(code).stream().map(Schedule::job).collect(Collectors.joining(","));
            out.append(String.format("%-10s %-3s %-36s %-30s %s%n", code.code(), code.severity(), code.owner(), jobs,
                    code.title()));
        }
        return out.toString();
    }

    /** docs/checks.md; a test fails when the committed file differs from this. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Check catalogue\n\n")
                .append("Generated from the `FindingCode` enums by `health-audit checks --format markdown`; ")
                .append("a test fails when this file is stale. Placeholders in `{braces}` are filled with the ")
                .append("resource's names and the facts the check found. A remediation is a bash script: each value ")
                .append("is quoted for the place it stands in, so pasting it runs only the commands shown; ")
                .append("`{sql:name}` is filled as an SQL identifier and `{sqlstr:name}` as an SQL string. ")
                .append("`$NAME` is a value the operator supplies.\n\n")
                .append("Severities are the runbook's: P0 critical, P1 high, P2 medium, P3 low. A graded code has a ")
                .append("severity for each grade the check can find besides its default one (shown under the code). ")
                .append("`health-audit.severity-overrides` sets a code's severity for all of its grades.\n");
        for (Area area : Area.values()) {
            List<FindingCode> codes = catalogue.all().stream().filter(c -> c.area() == area).toList();
            if (codes.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(area.title()).append(" (").append(area.prefix()).append("-xxx)\n\n")
                    .append("| Code | Severity | Check | Schedules | Team | Title |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (FindingCode c : codes) {
                String jobs = catalogue.schedules(c).stream().map(Schedule::job).collect(Collectors.joining(", "));
                md.append("| ").append(c.code()).append(" | ").append(severities(c)).append(" | `").append(c.owner())
                        .append("` | ").append(jobs).append(" | ").append(c.team().id()).append(" | ")
                        .append(c.title().replace("|", "\\|")).append(" |\n");
            }
            for (FindingCode c : codes) {
                md.append("\n### ").append(c.code()).append(" — ").append(c.title()).append("\n\n")
                        .append(c.detail()).append("\n\n")
                        .append("Severity: ").append(ladder(c)).append("\n\n")
                        .append("Runbook: *").append(c.runbook()).append("*\n\n")
                        .append("```bash\n").append(c.remediation()).append("\n```\n");
            }
        }
        return md.toString();
    }

    /** P2, or P2 with the severities of its grades: {@code P2 (P1, P0)}. */
    private static String severities(FindingCode code) {
        return code.grades().isEmpty() ? code.severity().name() : code.severity() + " ("
                + code.grades().stream().map(g -> g.severity().name()).collect(Collectors.joining(", ")) + ")";
    }

    /** The severity of each grade, in words. */
    private static String ladder(FindingCode code) {
        return "**" + code.severity() + "**" + code.grades().stream()
                .map(g -> "; **" + g.severity() + "** when " + g.name()).collect(Collectors.joining());
    }
}
