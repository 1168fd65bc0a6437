package ai.smartcloudops.audit.notify;

import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;

/**
 * One finding to tell a channel about.
 *
 * @param kind         {@code trigger}, {@code escalate} or {@code resolve}
 * @param routing      the severity whose route it takes: the finding's own, one level up when escalated
 * @param slackChannel the Slack channel the policy routes it to
 * @param reportLink   the run's report, or null when no report URL is configured
 * @param escalation   why it is escalated, or null when it is not
 */
public record Notice(Finding finding, Team team, String kind, Severity routing, String slackChannel,
                     String reportLink, String escalation) {

    public static final String TRIGGER = "trigger";
    public static final String ESCALATE = "escalate";
    public static final String RESOLVE = "resolve";

    public boolean resolve() {
        return RESOLVE.equals(kind);
    }

    /** e.g. {@code [P1] PG-204 title}, preceded by {@code ESCALATED} when escalated. */
    public String headline() {
        Finding f = finding;
        return (escalation == null ? "" : "ESCALATED ") + "[" + f.severity() + "] " + f.code() + " " + f.title();
    }
}
