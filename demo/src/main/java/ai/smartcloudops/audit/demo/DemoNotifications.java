package ai.smartcloudops.audit.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * Where the demo's notifications go: one local server standing in for the Slack incoming webhook, PagerDuty's Events
 * API v2 and the ticket webhook, each accepting whatever it is sent as the real one does, and a local SMTP server
 * that takes the notification emails and the weekly report. Nothing leaves the machine.
 */
public final class DemoNotifications implements DemoPart {

    public static final String SLACK_PATH = "/services/T0DEMO/B0DEMO/demo-webhook";
    public static final String PAGERDUTY_PATH = "/v2/enqueue";
    public static final String TICKET_PATH = "/tickets";
    /** Who receives the weekly report. */
    public static final String WEEKLY_RECIPIENT = "platform-team@smartcloudops.ai";

    private final WireMockServer http;
    private final GreenMail smtp;

    private DemoNotifications(WireMockServer http, GreenMail smtp) {
        this.http = http;
        this.smtp = smtp;
    }

    public static DemoNotifications start() {
        WireMockServer http = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().disableRequestJournal());
        http.start();
        GreenMail smtp = null;
        try {
            http.stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/plain").withBody("ok")));
            http.stubFor(post(urlPathEqualTo(PAGERDUTY_PATH)).willReturn(aResponse().withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withTransformers("response-template")
                    .withBody("{\"status\":\"success\",\"message\":\"Event processed\","
                            + "\"dedup_key\":\"{{jsonPath request.body '$.dedup_key'}}\"}")));
            http.stubFor(post(urlPathEqualTo(TICKET_PATH)).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"status\":\"created\"}")));
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            smtp.start();
            return new DemoNotifications(http, smtp);
        } catch (RuntimeException e) {
            if (smtp != null) {
                smtp.stop();
            }
            http.stop();
            throw e;
        }
    }

    /** The emails the SMTP server has received so far. */
    public List<MimeMessage> received() {
        return List.of(smtp.getReceivedMessages());
    }

    @Override
    public List<String> properties() {
        return List.of(
                "--health-audit.notify.slack.webhook-url=" + http.baseUrl() + SLACK_PATH,
                "--health-audit.notify.pagerduty.events-url=" + http.baseUrl() + PAGERDUTY_PATH,
                "--health-audit.notify.pagerduty.routing-key=demo-routing-key",
                "--health-audit.notify.webhook.url=" + http.baseUrl() + TICKET_PATH,
                "--health-audit.weekly.recipients[0]=" + WEEKLY_RECIPIENT,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort());
    }

    @Override
    public void close() {
        try {
            smtp.stop();
        } finally {
            http.stop();
        }
    }
}
