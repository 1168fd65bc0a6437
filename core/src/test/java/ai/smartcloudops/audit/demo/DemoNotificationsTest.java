package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class DemoNotificationsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSinksAnswerAsTheRealServicesAndTheSmtpServerKeepsWhatItIsSent() throws Exception {
        try (DemoNotifications sinks = DemoNotifications.start()) {
            Map<String, String> properties = new TreeMap<>();
            sinks.properties().forEach(p -> properties.put(p.substring(2, p.indexOf('=')),
                    p.substring(p.indexOf('=') + 1)));

            HttpResponse<String> pagerduty = post(properties.get("health-audit.notify.pagerduty.events-url"),
                    "{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"dedup_key\":\"fp-1\"}");
            HttpResponse<String> slack = post(properties.get("health-audit.notify.slack.webhook-url"), "{}");
            HttpResponse<String> ticket = post(properties.get("health-audit.notify.webhook.url"), "{}");

            assertThat(pagerduty.statusCode()).isEqualTo(202);
            assertThat(pagerduty.body())
                    .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"fp-1\"}");
            assertThat(slack.statusCode()).isEqualTo(200);
            assertThat(slack.body()).isEqualTo("ok");
            assertThat(ticket.statusCode()).isEqualTo(201);
            assertThat(properties).containsEntry("health-audit.notify.pagerduty.routing-key", "demo-routing-key")
                    .containsEntry("health-audit.weekly.recipients[0]", DemoNotifications.WEEKLY_RECIPIENT)
                    .containsEntry("spring.mail.host", "127.0.0.1");

            JavaMailSenderImpl mail = new JavaMailSenderImpl();
            mail.setHost(properties.get("spring.mail.host"));
            mail.setPort(Integer.parseInt(properties.get("spring.mail.port")));
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom("health-audit@smartcloudops.ai");
            message.setTo("database-team@smartcloudops.ai");
            message.setSubject("P1 finding");
            message.setText("body");
            mail.send(message);

            assertThat(sinks.received()).hasSize(1);
            assertThat(sinks.received().get(0).getSubject()).isEqualTo("P1 finding");
            assertThat(sinks.received().get(0).getAllRecipients()[0].toString())
                    .isEqualTo("database-team@smartcloudops.ai");
        }
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
