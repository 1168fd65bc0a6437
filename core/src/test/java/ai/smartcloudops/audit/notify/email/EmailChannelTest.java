package ai.smartcloudops.audit.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.notify.Channel;
import ai.smartcloudops.audit.notify.EscalationPolicy;
import ai.smartcloudops.audit.notify.JsonPost;
import ai.smartcloudops.audit.notify.Notifier;
import ai.smartcloudops.audit.notify.NotifyProperties;
import ai.smartcloudops.audit.notify.Outbox;
import ai.smartcloudops.audit.notify.pagerduty.PagerDutyIncidents;
import ai.smartcloudops.audit.notify.slack.SlackChannel;
import ai.smartcloudops.audit.store.TestDatabase;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The email channel against the store and GreenMail: a P1 finding mails its team once, across an SMTP outage. */
class EmailChannelTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private JdbcClient jdbc;
    private FindingStore store;
    private Outbox outbox;
    private JavaMailSenderImpl sender;

    private final Finding p1 = finding("PG-204", "smartcloudops-db", Resource.of("Database", "app"),
            "Lock waits <script>alert(1)</script>");

    @BeforeEach
    void start() {
        String url = TestDatabase.newStore();
        DataSource dataSource = new DriverManagerDataSource(url);
        jdbc = JdbcClient.create(dataSource);
        store = new FindingStore(dataSource, TestCatalogue.get());
        outbox = new Outbox(jdbc);
        sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(greenMail.getSmtp().getPort());
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    }

    private static Finding finding(String code, String target, Resource resource, String title) {
        return Finding.of(TestCatalogue.get().find(code).orElseThrow(), target, resource).title(title)
                .detail("7 sessions wait.").remediation("SELECT * FROM pg_locks WHERE NOT granted;").build();
    }

    private Notifier notifier(NotifyProperties.Email email, JavaMailSender mail) {
        NotifyProperties properties = new NotifyProperties("https://reports.example/audit", null, null, null, null,
                null, null, new NotifyProperties.Dispatch(2, Duration.ZERO, 30, Duration.ofSeconds(2)), email, null);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (mail != null) {
            beans.addBean("mailSender", mail);
        }
        ObjectProvider<JavaMailSender> provider = beans.getBeanProvider(JavaMailSender.class);
        JsonPost http = new JsonPost(properties, HttpLimits.DEFAULT);
        List<Channel> channels = List.of(new SlackChannel(properties, http), new EmailChannel(properties, provider));
        return new Notifier(new EscalationPolicy(properties, channels), new PagerDutyIncidents(properties, http), outbox,
                store, properties, Clock.systemUTC());
    }

    private long run(Notifier notifier) throws Exception {
        long id = jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status) "
                + "VALUES ('nightly', 'test', now(), 'RUNNING') RETURNING id").query(Long.class).single();
        store.saveSweep(id, 0, List.of(p1),
                List.of(new Coverage(p1.checkId(), p1.target(), CoverageStatus.RAN, 1, 1, null)), Map.of());
        store.diff(id, null, Instant.now(), AuditCode.AUDIT_904);
        notifier.escalate(id, null);
        notifier.dispatch(1L);
        return id;
    }

    private List<String> outbox() throws Exception {
        return jdbc.sql("SELECT channel || ' ' || kind || ' ' || status || ' ' || attempts FROM notification_outbox")
                .query(String.class).list();
    }

    @Test
    void aP1FindingMailsItsTeamOnceWithTheFindingEscaped() throws Exception {
        long run = run(notifier(new NotifyProperties.Email(null, null), sender));

        assertThat(outbox()).containsExactly("email trigger sent 1");
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[P1] PG-204 Lock waits <script>alert(1)</script> (smartcloudops-db)");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("database-team@smartcloudops.ai");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("health-audit@smartcloudops.ai");
        String text = null;
        String html = null;
        for (BodyPart part : parts((Multipart) mail.getContent())) {
            if (part.isMimeType("text/plain")) {
                text = ((String) part.getContent()).replace("\r\n", "\n");   // MIME text travels with CRLF
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        String report = "https://reports.example/audit/" + run + "/report.html";
        assertThat(text).isEqualTo("""
                [P1] PG-204 Lock waits <script>alert(1)</script>

                Severity: P1 High
                Code: PG-204
                Target: smartcloudops-db
                Resource: Database/app

                7 sessions wait.

                Remediation:
                SELECT * FROM pg_locks WHERE NOT granted;

                Report: %s
                """.formatted(report));
        assertThat(html).doesNotContainIgnoringCase("<script")
                .contains("Lock waits &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<td style=\"padding:2px 0;\">smartcloudops-db</td>")
                .contains("<td style=\"padding:2px 0;\">Database/app</td>")
                .contains("SELECT * FROM pg_locks WHERE NOT granted;</pre>")
                .contains("<p>Report: " + report + "</p>");
        assertThat(jdbc.sql("SELECT payload FROM notification_outbox").query(String.class).single())
                .doesNotContain("password");
    }

    @Test
    void aTeamAddressFromConfigAndAnSmtpOutageDeliversOnceWhenSmtpIsBack() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        sender.setPort(closed);
        Notifier notifier = notifier(new NotifyProperties.Email(Map.of(Team.PLATFORM, "ops@example.org",
                Team.DATABASE, "dba@example.org"), "audit@example.org"), sender);

        run(notifier);
        assertThat(outbox()).containsExactly("email trigger pending 2");
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        sender.setPort(greenMail.getSmtp().getPort());
        notifier.dispatch(1L);
        notifier.dispatch(1L);

        assertThat(outbox()).containsExactly("email trigger sent 3");
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("dba@example.org");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("audit@example.org");
    }

    @Test
    void withoutSmtpTheChannelIsNotConfiguredAndQueuesNothing() throws Exception {
        run(notifier(new NotifyProperties.Email(null, null), null));

        assertThat(outbox()).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static List<BodyPart> parts(Multipart multipart) throws Exception {
        List<BodyPart> all = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                all.addAll(parts(nested));
            } else {
                all.add(part);
            }
        }
        return all;
    }
}
