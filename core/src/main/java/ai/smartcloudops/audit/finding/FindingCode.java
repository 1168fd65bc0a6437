package ai.smartcloudops.audit.finding;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    /** The severity of a finding at the default grade. */
    default Severity severity() {
        return definition().severity();
    }

    /** The named severities besides the default one, from the code's definition (empty: one severity). */
    default List<Grade> grades() {
        return definition().grades();
    }

    /** The severity the definition gives a grade: {@link Grade#DEFAULT} or one of {@link #grades()}. */
    default Severity severity(String grade) {
        if (Grade.DEFAULT.equals(grade)) {
            return severity();
        }
        return grades().stream().filter(g -> g.name().equals(grade)).findFirst().map(Grade::severity)
                .orElseThrow(() -> new IllegalArgumentException(code() + " has no grade '" + grade + "': it has "
                        + Stream.concat(Stream.of(Grade.DEFAULT), grades().stream().map(Grade::name))
                                .collect(Collectors.joining(", "))));
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
                      String title, String detail, String remediation, List<Grade> grades) {

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
            grades = List.copyOf(grades);
            if (grades.stream().map(Grade::name).distinct().count() < grades.size()) {
                throw new IllegalArgumentException(code + ": two grades share a name: " + grades);
            }
        }

        /** A code with one severity. */
        public Definition(String code, Severity severity, Area area, Team team, String owner, String runbook,
                          String title, String detail, String remediation) {
            this(code, severity, area, team, owner, runbook, title, detail, remediation, List.of());
        }
    }
}
