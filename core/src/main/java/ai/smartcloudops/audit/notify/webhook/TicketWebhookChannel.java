package ai.smartcloudops.audit.notify.webhook;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.notify.Channel;
import ai.smartcloudops.audit.notify.JsonPost;
import ai.smartcloudops.audit.notify.Notice;
import ai.smartcloudops.audit.notify.NotifyProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The guide's "create incident ticket": a JSON body per finding POSTed with the configured headers. */
@Component
public class TicketWebhookChannel implements Channel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties.Webhook settings;
    private final JsonPost http;

    public TicketWebhookChannel(NotifyProperties properties, JsonPost http) {
        this.settings = properties.webhook();
        this.http = http;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean configured() {
        return settings.url() != null && !settings.url().isBlank();
    }

    @Override
    public boolean resolves() {
        return false;
    }

    @Override
    public String payload(Notice notice) {
        Finding f = notice.finding();
        ObjectNode ticket = JSON.createObjectNode();
        ticket.put("kind", notice.kind().toString());
        ticket.put("fingerprint", f.fingerprint());
        ticket.put("code", f.code().code());
        ticket.put("severity", f.severity().name());
        ticket.put("team", notice.team().id());
        ticket.put("area", f.area().id());
        ticket.put("title", f.title());
        ticket.put("detail", f.detail());
        ticket.put("target", f.target());
        ObjectNode resource = ticket.putObject("resource");
        resource.put("kind", f.resource().kind());
        resource.put("namespace", f.resource().namespace());
        resource.put("name", f.resource().name());
        ticket.put("remediation", f.remediation());
        ticket.put("report", notice.reportLink());
        if (notice.escalation() != null) {
            ticket.put("escalation", notice.escalation());
        }
        return JSON.writeValueAsString(ticket);
    }

    @Override
    public void send(String payload) throws JsonPost.PostException, InterruptedException {
        http.post(settings.url(), settings.headers(), payload);
    }
}
