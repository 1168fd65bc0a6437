package ai.smartcloudops.audit.weekly;

import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The last 7 days of audit runs, as the weekly email shows them.
 *
 * @param latest           the latest completed audit run (its workbook is attached), or null when there is none
 * @param trend            the completed audit runs of the window, oldest first
 * @param severities       per severity (P0 first): new and resolved in the window, mean time to resolve
 * @param recurring        the findings seen in the most runs of the window (at least two)
 * @param openUrgent       open P0 and P1 findings, oldest first, with their age, team and due time
 * @param expiringWaivers  waivers that expire within 7 days
 */
public record WeeklyReport(String estate, Instant from, Instant to, Run latest, List<Run> trend,
                           List<SeverityCounts> severities, List<Recurring> recurring, List<Open> openUrgent,
                           List<Waiver> expiringWaivers) {

    public static final Duration WINDOW = Duration.ofDays(7);

    /** One audit run: its id, job, start, score and grade. */
    public record Run(long id, String job, Instant startedAt, int score, String grade) {
    }

    /** @param meanTimeToResolve null when nothing of the severity was resolved in the window */
    public record SeverityCounts(Severity severity, int opened, int resolved, Duration meanTimeToResolve) {
    }

    public record Recurring(String code, Severity severity, String title, String target, String resource,
                            int runs) {
    }

    /**
     * @param team    the owning team
     * @param due     when the team must have answered it (the escalation matrix's response time since it opened)
     * @param overdue {@code due} has passed
     */
    public record Open(String code, Severity severity, String title, String target, String resource,
                       Instant firstSeenAt, Duration age, Team team, Instant due, boolean overdue) {
    }

    public record Waiver(String code, String pattern, String reason, String owner, Instant expiresAt) {
    }

    /** The latest run's grade, or {@code n/a} when no audit run completed yet. */
    public String grade() {
        return latest == null ? "n/a" : latest.grade();
    }

    /** e.g. {@code SmartCloudOps production weekly health: grade C, 2 open P0/P1}. */
    public String subject() {
        return estate + " weekly health: grade " + grade() + ", " + openUrgent.size() + " open P0/P1";
    }
}
