package ai.smartcloudops.audit.notify.email;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.notify.Channel;
import ai.smartcloudops.audit.notify.Notice;
import ai.smartcloudops.audit.notify.NotifyProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Email over SMTP ({@code spring.mail.*}): one message per finding, plain text and HTML, to the owning team's
 * address ({@code health-audit.notify.email.recipients}). Configured when SMTP is (spring.mail.host) and at least one
 * address is. The stored payload holds the addresses, subject and bodies, never the SMTP credentials.
 */
@Component
public class EmailChannel implements Channel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties.Email settings;
    private final ObjectProvider<JavaMailSender> mail;

    public EmailChannel(NotifyProperties properties, ObjectProvider<JavaMailSender> mail) {
        this.settings = properties.email();
        this.mail = mail;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean configured() {
        return mail.getIfAvailable() != null && settings.address(null) != null;
    }

    @Override
    public boolean resolves() {
        return false;
    }

    @Override
    public String payload(Notice notice) {
        Finding f = notice.finding();
        String to = settings.address(notice.team());
        String subject = notice.headline() + " (" + f.target() + ")";
        StringBuilder text = new StringBuilder()
                .append(notice.headline()).append("\n\n")
                .append("Severity: ").append(f.severity()).append(' ').append(f.severity().label()).append('\n')
                .append("Code: ").append(f.code().code()).append('\n')
                .append("Target: ").append(f.target()).append('\n')
                .append("Resource: ").append(f.resource().path()).append('\n');
        if (notice.escalation() != null) {
            text.append("Escalation: ").append(notice.escalation()).append('\n');
        }
        if (!f.detail().isEmpty()) {
            text.append('\n').append(f.detail()).append('\n');
        }
        if (!f.remediation().isEmpty()) {
            text.append("\nRemediation:\n").append(f.remediation()).append('\n');
        }
        if (notice.reportLink() != null) {
            text.append("\nReport: ").append(notice.reportLink()).append('\n');
        }
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html><html><body style=\"font:14px/1.45 Arial,Helvetica,sans-serif;color:#1f2933;\">")
                .append("<h2 style=\"font-size:17px;margin:0 0 8px;\">").append(escape(notice.headline()))
                .append("</h2><table style=\"border-collapse:collapse;font-size:13px;\">");
        row(html, "Severity", f.severity() + " " + f.severity().label());
        row(html, "Code", f.code().code());
        row(html, "Title", f.title());
        row(html, "Target", f.target());
        row(html, "Resource", f.resource().path());
        if (notice.escalation() != null) {
            row(html, "Escalation", notice.escalation());
        }
        html.append("</table>");
        if (!f.detail().isEmpty()) {
            html.append("<p>").append(escape(f.detail())).append("</p>");
        }
        if (!f.remediation().isEmpty()) {
            html.append("<h3 style=\"font-size:14px;margin:12px 0 4px;\">Remediation</h3>")
                    .append("<pre style=\"background:#f5f7f9;padding:8px;white-space:pre-wrap;\">")
                    .append(escape(f.remediation())).append("</pre>");
        }
        if (notice.reportLink() != null) {
            html.append("<p>Report: ").append(escape(notice.reportLink())).append("</p>");
        }
        html.append("</body></html>");
        ObjectNode body = JSON.createObjectNode();
        body.put("from", settings.from());
        body.put("to", to);
        body.put("subject", subject);
        body.put("text", text.toString());
        body.put("html", html.toString());
        return JSON.writeValueAsString(body);
    }

    private static void row(StringBuilder html, String key, String value) {
        html.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;\">").append(key)
                .append("</th><td style=\"padding:2px 0;\">").append(escape(value)).append("</td></tr>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** Sends a stored message; an SMTP failure is a MailException, which the dispatcher retries. */
    @Override
    public void send(String payload) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no spring.mail.host configured");
        }
        JsonNode body = JSON.readTree(payload);
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(body.get("from").asString());
            helper.setTo(body.get("to").asString());
            helper.setSubject(body.get("subject").asString());
            helper.setText(body.get("text").asString(), body.get("html").asString());
        } catch (MessagingException e) {
            throw new MailPreparationException("could not build the email: " + e.getMessage(), e);
        }
        sender.send(message);
    }
}
