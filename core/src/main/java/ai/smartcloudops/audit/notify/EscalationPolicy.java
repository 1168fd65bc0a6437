package ai.smartcloudops.audit.notify;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.ResponseTimes;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which channels hear about a finding: its severity's channels (the guide's matrix by default) that are
 * configured. A channel the policy names but that has no URL, key or address is skipped.
 */
@Component
public class EscalationPolicy implements ResponseTimes {

    private final NotifyProperties properties;
    private final Map<String, Channel> channels;

    public EscalationPolicy(NotifyProperties properties, List<Channel> channels) {
        this.properties = properties;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
    }

    public Channel channel(String name) {
        Channel channel = channels.get(name);
        if (channel == null) {
            throw new IllegalArgumentException("no notification channel '" + name + "'");
        }
        return channel;
    }

    /** The configured channels of the finding's severity. */
    public List<Channel> channels(Finding finding) {
        return channels(finding.severity());
    }

    /** The configured channels of a severity's route. */
    public List<Channel> channels(Severity severity) {
        NotifyProperties.Route route = properties.severities().get(severity);
        List<Channel> routed = new ArrayList<>();
        if (route != null) {
            for (String name : route.channels()) {
                Channel channel = channels.get(name);
                if (channel != null && channel.configured()) {
                    routed.add(channel);
                }
            }
        }
        return routed;
    }

    public Notice notice(Finding finding, Notice.Kind kind, long runId) {
        return notice(finding, kind, finding.severity(), null, runId);
    }

    /** The finding routed as {@code routing} (one level up when escalated, saying why in {@code escalation}). */
    public Notice notice(Finding finding, Notice.Kind kind, Severity routing, String escalation, long runId) {
        Team team = finding.code().team();
        String link = properties.reportUrl() == null ? null
                : properties.reportUrl() + "/" + runId + "/report.html";
        return new Notice(finding, team, kind, routing, properties.slackChannel(routing, team), link, escalation);
    }

    /** When a finding of the severity that opened (was notified, or first seen) at {@code from} must be answered. */
    @Override
    public Instant due(Severity severity, Instant from) {
        NotifyProperties.Route route = properties.severities().get(severity);
        if (route != null && route.nextBusinessDay()) {
            return properties.calendar().nextBusinessDay(from);
        }
        return from.plus(route == null ? NotifyProperties.Route.DEFAULT_RESPONSE_TIME : route.responseTime());
    }

    /** A severity's response time as a sentence says it: "1h", or "the next business day". */
    public String responseTime(Severity severity) {
        NotifyProperties.Route route = properties.severities().get(severity);
        if (route != null && route.nextBusinessDay()) {
            return "the next business day";
        }
        return Humanize.duration(route == null ? NotifyProperties.Route.DEFAULT_RESPONSE_TIME : route.responseTime());
    }
}
