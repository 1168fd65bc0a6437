package ai.smartcloudops.audit.notify;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.text.Labels;
import java.util.Locale;
import java.util.Objects;

/**
 * One finding to tell a channel about.
 *
 * @param kind         trigger, escalate or resolve
 * @param routing      the severity whose route it takes: the finding's own, one level up when escalated
 * @param slackChannel the Slack channel the policy routes it to
 * @param reportLink   the run's report, or null when no report URL is configured
 * @param escalation   why it is escalated, or null when it is not
 */
public record Notice(Finding finding, Team team, Kind kind, Severity routing, String slackChannel,
                     String reportLink, String escalation) {

    /** What a notification does; {@link #toString()} is the word stored in notification_outbox and sent. */
    public enum Kind {
        /** A new or regressed finding. */
        TRIGGER,
        /** A finding still open past its response time, one level up. */
        ESCALATE,
        /** A finding the run resolved, where the channel closes what it opened. */
        RESOLVE,
        /** The run's triggers for one destination of a channel, told in one message. */
        DIGEST;

        private final String label = name().toLowerCase(Locale.ROOT);

        public static Kind of(String label) {
            return Labels.parse(Kind.class, label);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public Notice {
        Objects.requireNonNull(kind, "notice kind");
    }

    public boolean resolve() {
        return kind == Kind.RESOLVE;
    }

    /** e.g. {@code [P1] PG-204 title}, preceded by {@code ESCALATED} when escalated. */
    public String headline() {
        Finding f = finding;
        return (escalation == null ? "" : "ESCALATED ") + "[" + f.severity() + "] " + f.code().code() + " " + f.title();
    }
}
