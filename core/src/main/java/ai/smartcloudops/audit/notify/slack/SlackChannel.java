package ai.smartcloudops.audit.notify.slack;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.notify.DigestChannel;
import ai.smartcloudops.audit.notify.JsonPost;
import ai.smartcloudops.audit.notify.Notice;
import ai.smartcloudops.audit.notify.NotifyProperties;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Slack incoming webhook: one message per finding, to the channel the policy routes it to (the
 * {@code channel} field; a webhook bound to a single channel posts there whatever the field says); past
 * {@code digest-above} new findings for one channel in one run, one digest message for them.
 */
@Component
public class SlackChannel implements DigestChannel {

    /** Findings a digest names one by one; the rest are counted, and in the report. */
    static final int DIGEST_LINES = 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties.Slack settings;
    private final JsonPost http;

    public SlackChannel(NotifyProperties properties, JsonPost http) {
        this.settings = properties.slack();
        this.http = http;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public boolean configured() {
        return settings.webhookUrl() != null && !settings.webhookUrl().isBlank();
    }

    @Override
    public boolean resolves() {
        return false;
    }

    @Override
    public String payload(Notice notice) {
        Finding f = notice.finding();
        String headline = notice.headline();
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", notice.slackChannel());
        // the fallback (notifications, screen readers) is mrkdwn too: a name must not become a link or a mention
        body.put("text", escape(headline + " (" + f.target() + ", " + f.resource().path() + ")"));
        ArrayNode blocks = body.putArray("blocks");
        section(blocks, "*" + escape(headline) + "*\n*Severity:* " + f.severity() + " " + f.severity().label()
                + "\n*Target:* " + escape(f.target()) + "\n*Resource:* " + escape(f.resource().path())
                + (notice.escalation() == null ? "" : "\n*Escalation:* " + escape(notice.escalation()))
                + (f.detail().isEmpty() ? "" : "\n" + escape(f.detail())));
        if (!f.remediation().isEmpty()) {
            section(blocks, "*Remediation*\n```" + escape(f.remediation().replace("```", "'''")) + "```");
        }
        if (notice.reportLink() != null) {
            section(blocks, "<" + notice.reportLink() + "|Audit report>");
        }
        return JSON.writeValueAsString(body);
    }

    @Override
    public int digestAbove() {
        return settings.digestAbove();
    }

    @Override
    public String destination(Notice notice) {
        return notice.slackChannel();
    }

    @Override
    public String digest(List<Notice> notices) {
        Notice first = notices.get(0);
        Map<Severity, Long> bySeverity = notices.stream().collect(Collectors.groupingBy(n -> n.finding().severity(),
                () -> new EnumMap<>(Severity.class), Collectors.counting()));
        String counts = bySeverity.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        String headline = notices.size() + " new findings (" + counts + ")";
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", first.slackChannel());
        body.put("text", headline);
        ArrayNode blocks = body.putArray("blocks");
        section(blocks, "*" + headline + "*");
        StringBuilder lines = new StringBuilder();
        for (Notice notice : notices.subList(0, Math.min(DIGEST_LINES, notices.size()))) {
            Finding f = notice.finding();
            lines.append("• ").append(escape(notice.headline())).append(" (").append(escape(f.target()))
                    .append(", ").append(escape(f.resource().path())).append(")\n");
        }
        if (notices.size() > DIGEST_LINES) {
            lines.append("… and ").append(notices.size() - DIGEST_LINES).append(" more in the report");
        }
        section(blocks, lines.toString().strip());
        if (first.reportLink() != null) {
            section(blocks, "<" + first.reportLink() + "|Audit report>");
        }
        return JSON.writeValueAsString(body);
    }

    private static void section(ArrayNode blocks, String markdown) {
        ObjectNode block = blocks.addObject();
        block.put("type", "section");
        ObjectNode text = block.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", markdown.length() <= 3000 ? markdown : markdown.substring(0, 2999) + "…");
    }

    /** Slack's three control characters, escaped in every text it shows, code blocks included. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void send(String payload) throws JsonPost.PostException, InterruptedException {
        http.post(settings.webhookUrl(), Map.of(), payload);
    }
}
