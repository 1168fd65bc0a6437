package ai.smartcloudops.audit.notify.pagerduty;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.notify.Channel;
import ai.smartcloudops.audit.notify.JsonPost;
import ai.smartcloudops.audit.notify.Notice;
import ai.smartcloudops.audit.notify.NotifyProperties;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * PagerDuty Events API v2: a trigger per finding with dedup_key = its fingerprint, and a resolve with the same
 * key when it resolves; an escalated finding is a trigger too, at the severity it is escalated to. The routing key is added when sending; the stored event does not hold it.
 */
@Component
public class PagerDutyChannel implements Channel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties.PagerDuty settings;
    private final JsonPost http;

    public PagerDutyChannel(NotifyProperties properties, JsonPost http) {
        this.settings = properties.pagerduty();
        this.http = http;
    }

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public boolean configured() {
        return settings.routingKey() != null && !settings.routingKey().isBlank();
    }

    @Override
    public boolean resolves() {
        return true;
    }

    static String severity(Severity severity) {
        return switch (severity) {
            case P0 -> "critical";
            case P1 -> "error";
            case P2 -> "warning";
            case P3 -> "info";
        };
    }

    @Override
    public String payload(Notice notice) {
        Finding f = notice.finding();
        ObjectNode event = JSON.createObjectNode();
        event.put("event_action", notice.resolve() ? "resolve" : "trigger");
        event.put("dedup_key", f.fingerprint());
        if (notice.resolve()) {
            return JSON.writeValueAsString(event);
        }
        ObjectNode payload = event.putObject("payload");
        String summary = notice.headline() + " (" + f.target() + ")";
        payload.put("summary", summary.length() <= 1024 ? summary : summary.substring(0, 1023) + "…");
        payload.put("severity", severity(notice.routing()));
        payload.put("source", f.target());
        payload.put("component", f.resource().path());
        payload.put("group", f.area().id());
        payload.put("class", f.code().code());
        ObjectNode details = payload.putObject("custom_details");
        details.put("code", f.code().code());
        details.put("team", notice.team().id());
        details.put("detail", f.detail());
        details.put("remediation", f.remediation());
        if (notice.escalation() != null) {
            details.put("escalation", notice.escalation());
        }
        ObjectNode evidence = details.putObject("evidence");
        f.evidence().forEach(evidence::put);
        if (notice.reportLink() != null) {
            ObjectNode link = event.putArray("links").addObject();
            link.put("href", notice.reportLink());
            link.put("text", "Audit report");
        }
        return JSON.writeValueAsString(event);
    }

    @Override
    public void send(String payload) throws JsonPost.PostException, InterruptedException {
        ObjectNode event = (ObjectNode) JSON.readTree(payload);
        ObjectNode request = JSON.createObjectNode();
        request.put("routing_key", settings.routingKey());
        request.setAll(event);
        http.post(settings.eventsUrl(), Map.of(), JSON.writeValueAsString(request));
    }
}
