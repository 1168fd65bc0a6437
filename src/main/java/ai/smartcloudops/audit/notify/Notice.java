package ai.smartcloudops.audit.notify;

import ai.smartcloudops.audit.check.Team;
import ai.smartcloudops.audit.finding.Finding;

/**
 * One finding to tell a channel about.
 *
 * @param kind         {@code trigger} or {@code resolve}
 * @param slackChannel the Slack channel the policy routes it to
 * @param reportLink   the run's report, or null when no report URL is configured
 */
public record Notice(Finding finding, Team team, String kind, String slackChannel, String reportLink) {

    public static final String TRIGGER = "trigger";
    public static final String RESOLVE = "resolve";

    public boolean resolve() {
        return RESOLVE.equals(kind);
    }
}
