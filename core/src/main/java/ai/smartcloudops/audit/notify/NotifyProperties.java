package ai.smartcloudops.audit.notify;

import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The escalation policy and its channels; the troubleshooting guide's escalation matrix is the default.
 *
 * @param reportUrl  base URL of the published reports; a notification links to {@code <report-url>/<run-id>/report.html}
 * @param severities per severity, the channels it goes to and the response time
 * @param teams      per owning team, the Slack channel of its findings (a team not listed: {@code default-channel})
 * @param defaultChannel the Slack channel of teams not listed
 * @param slack      the Slack incoming webhook
 * @param pagerduty  the PagerDuty Events API v2
 * @param webhook    the ticket webhook ("create incident ticket")
 * @param email      the email channel: per owning team, its address (SMTP is {@code spring.mail.*})
 * @param dispatch   retries of the dispatcher
 * @param calendar   the business days a route due "the next business day" counts (P3 by default)
 */
@ConfigurationProperties("health-audit.notify")
public record NotifyProperties(String reportUrl, Map<Severity, Route> severities, Map<Team, String> teams,
                               String defaultChannel, Slack slack, PagerDuty pagerduty, Webhook webhook,
                               Dispatch dispatch, Email email, Calendar calendar) {

    /** The channel names a route may use. */
    public static final List<String> CHANNELS = List.of("pagerduty", "slack", "webhook", "email");

    public NotifyProperties {
        reportUrl = blank(reportUrl) ? null : reportUrl.replaceAll("/+$", "");
        Map<Severity, Route> merged = new EnumMap<>(Severity.class);
        merged.put(Severity.P0, new Route(List.of("pagerduty", "slack", "email"), Duration.ofMinutes(15),
                "#incident-response", null));
        merged.put(Severity.P1, new Route(List.of("slack", "email"), Duration.ofHours(1), null, null));
        merged.put(Severity.P2, new Route(List.of("webhook", "email"), Duration.ofHours(4), null, null));
        merged.put(Severity.P3, new Route(List.of(), Duration.ofDays(1), null, true));
        if (severities != null) {
            merged.putAll(severities);
        }
        severities = Map.copyOf(merged);
        teams = teams == null ? Map.of(Team.DATABASE, "#database-alerts", Team.SECURITY, "#security-alerts")
                : Map.copyOf(teams);
        defaultChannel = blank(defaultChannel) ? "#platform-alerts" : defaultChannel;
        slack = slack == null ? new Slack(null, null) : slack;
        pagerduty = pagerduty == null ? new PagerDuty(null, null, null, null) : pagerduty;
        webhook = webhook == null ? new Webhook(null, null) : webhook;
        dispatch = dispatch == null ? new Dispatch(null, null, null, null) : dispatch;
        email = email == null ? new Email(null, null) : email;
        calendar = calendar == null ? new Calendar(null, null, null, null) : calendar;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The Slack channel a finding of this severity and team goes to. */
    public String slackChannel(Severity severity, Team team) {
        Route route = severities.get(severity);
        if (route != null && !blank(route.slackChannel())) {
            return route.slackChannel();
        }
        return teams.getOrDefault(team, defaultChannel);
    }

    /**
     * @param channels        channel names: pagerduty, slack, webhook, email (a channel that is not configured is
     *                        skipped)
     * @param responseTime    how soon the owner must respond
     * @param slackChannel    the Slack channel for this severity whatever the team (empty: the team's channel)
     * @param nextBusinessDay due at the end of the next business day of the {@link Calendar} instead of after
     *                        {@code responseTime} (the guide's P3)
     */
    public record Route(List<String> channels, Duration responseTime, String slackChannel, Boolean nextBusinessDay) {

        public static final Duration DEFAULT_RESPONSE_TIME = Duration.ofHours(4);

        public Route {
            channels = channels == null ? List.of() : List.copyOf(channels);
            for (String channel : channels) {
                if (!CHANNELS.contains(channel)) {
                    throw new IllegalArgumentException("unknown notification channel '" + channel
                            + "'; valid channels: " + String.join(", ", CHANNELS));
                }
            }
            responseTime = responseTime == null ? DEFAULT_RESPONSE_TIME : responseTime;
            if (responseTime.isNegative() || responseTime.isZero()) {
                throw new IllegalArgumentException("health-audit.notify.severities.*.response-time must be "
                        + "positive, not " + responseTime);
            }
            nextBusinessDay = nextBusinessDay != null && nextBusinessDay;
        }
    }

    /**
     * Business days: a finding due "the next business day" is due at {@code endOfDay} of the first working day after
     * the day it opened, in {@code timeZone}, holidays skipped.
     *
     * @param timeZone    a region such as Europe/Berlin (default UTC)
     * @param workingDays default MONDAY to FRIDAY
     * @param holidays    dates that are not business days
     * @param endOfDay    when a business day ends (default 17:00)
     */
    public record Calendar(String timeZone, List<DayOfWeek> workingDays, List<LocalDate> holidays,
                           LocalTime endOfDay) {

        public Calendar {
            timeZone = blank(timeZone) ? "UTC" : timeZone.trim();
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("health-audit.notify.calendar.time-zone: '" + timeZone
                        + "' is not a time zone; expected a region such as Europe/Berlin or UTC");
            }
            workingDays = workingDays == null ? List.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
                    : List.copyOf(workingDays);
            if (workingDays.isEmpty()) {
                throw new IllegalArgumentException("health-audit.notify.calendar.working-days needs at least one day");
            }
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
            endOfDay = endOfDay == null ? LocalTime.of(17, 0) : endOfDay;
        }

        /** The end of the first business day after the day {@code from} falls on. */
        public Instant nextBusinessDay(Instant from) {
            ZoneId zone = ZoneId.of(timeZone);
            LocalDate day = LocalDate.ofInstant(from, zone).plusDays(1);
            // a year of holidays at most: past that the configuration is wrong, not the calendar
            for (int i = 0; i < 366 && (!workingDays.contains(day.getDayOfWeek()) || holidays.contains(day)); i++) {
                day = day.plusDays(1);
            }
            return day.atTime(endOfDay).atZone(zone).toInstant();
        }
    }

    /**
     * @param webhookUrl  the incoming webhook URL, a secret: set HEALTH_AUDIT_NOTIFY_SLACK_WEBHOOK_URL
     * @param digestAbove more new findings than this for one Slack channel in one run go as one digest message
     */
    public record Slack(String webhookUrl, Integer digestAbove) {
        public Slack {
            webhookUrl = blank(webhookUrl) ? null : webhookUrl;
            digestAbove = digestAbove == null ? 10 : digestAbove;
            if (digestAbove < 1) {
                throw new IllegalArgumentException("health-audit.notify.slack.digest-above must be at least 1, not "
                        + digestAbove);
            }
        }

        @Override
        public String toString() {
            return "Slack[webhookUrl=" + (webhookUrl == null ? "null" : "****") + ", digestAbove=" + digestAbove + "]";
        }
    }

    /**
     * @param routingKey the integration's routing key, a secret: set HEALTH_AUDIT_NOTIFY_PAGERDUTY_ROUTING_KEY
     * @param eventsUrl  the Events API v2 endpoint
     * @param apiToken   a read-only REST API token, a secret (HEALTH_AUDIT_NOTIFY_PAGERDUTY_API_TOKEN): with it, a
     *                   finding whose incident is acknowledged is not escalated
     * @param apiUrl     the REST API
     */
    public record PagerDuty(String routingKey, String eventsUrl, String apiToken, String apiUrl) {
        public PagerDuty {
            routingKey = blank(routingKey) ? null : routingKey;
            eventsUrl = blank(eventsUrl) ? "https://events.pagerduty.com/v2/enqueue" : eventsUrl;
            apiToken = blank(apiToken) ? null : apiToken.trim();
            apiUrl = blank(apiUrl) ? "https://api.pagerduty.com" : apiUrl.replaceAll("/+$", "");
        }

        @Override
        public String toString() {
            return "PagerDuty[routingKey=" + (routingKey == null ? "null" : "****") + ", eventsUrl=" + eventsUrl
                    + ", apiToken=" + (apiToken == null ? "null" : "****") + ", apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * @param url     where the JSON ticket is POSTed (HEALTH_AUDIT_NOTIFY_WEBHOOK_URL)
     * @param headers extra request headers, e.g. an Authorization header from the environment
     */
    public record Webhook(String url, Map<String, String> headers) {
        public Webhook {
            url = blank(url) ? null : url;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /**
     * @param recipients per owning team, its address (the guide's contact list by default); a team not listed goes
     *                   to the platform team's address (else the first team's listed)
     * @param from       the sender address
     */
    public record Email(Map<Team, String> recipients, String from) {

        public static final Map<Team, String> GUIDE_CONTACTS = Map.of(
                Team.PLATFORM, "platform-team@smartcloudops.ai",
                Team.DATABASE, "database-team@smartcloudops.ai",
                Team.SECURITY, "security-team@smartcloudops.ai",
                Team.NETWORK, "network-team@smartcloudops.ai");

        public Email {
            recipients = recipients == null ? GUIDE_CONTACTS : Map.copyOf(recipients);
            from = blank(from) ? "health-audit@smartcloudops.ai" : from.trim();
        }

        /** The team's address, else the platform team's, else the first team's listed; null when none is set. */
        public String address(Team team) {
            for (Team t : team == null ? Team.values() : new Team[] {team, Team.PLATFORM}) {
                String address = recipients.get(t);
                if (!blank(address)) {
                    return address.trim();
                }
            }
            return team == null ? null : address(null);
        }
    }

    /**
     * @param attempts    sends of one notification within a run before it waits for the next run
     * @param backoff     the wait before the first retry; it doubles at each retry
     * @param maxAttempts sends across runs before a notification is marked failed
     * @param timeout     one HTTP request
     */
    public record Dispatch(Integer attempts, Duration backoff, Integer maxAttempts, Duration timeout) {
        public Dispatch {
            attempts = attempts == null ? 3 : attempts;
            backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
            maxAttempts = maxAttempts == null ? 30 : maxAttempts;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("health-audit.notify.dispatch.attempts must be between 1 and 10");
            }
            if (backoff.isNegative() || backoff.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("health-audit.notify.dispatch.backoff must be between 0 and 1m");
            }
            if (maxAttempts < attempts) {
                throw new IllegalArgumentException(
                        "health-audit.notify.dispatch.max-attempts must be at least dispatch.attempts");
            }
        }
    }
}
