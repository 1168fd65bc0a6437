package ai.smartcloudops.audit.weekly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Score;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import ai.smartcloudops.audit.notify.EscalationPolicy;
import ai.smartcloudops.audit.notify.NotifyProperties;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.excel.ExcelReportRenderer;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import ai.smartcloudops.audit.waiver.Waivers;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The weekly-report job through the command line, over a store seeded with four audit runs across 8 days, sending
 * to GreenMail.
 */
class WeeklyReportIT {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final String HOSTILE_TITLE = "<script>alert(1)</script> lock waits";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private String url;
    private Path out;
    private final Instant now = Instant.now();
    private final Instant day8 = now.minus(Duration.ofDays(8));
    private final Instant day6 = now.minus(Duration.ofDays(6));
    private final Instant day3 = now.minus(Duration.ofDays(3));
    private final Instant day1 = now.minus(Duration.ofDays(1));

    private final Finding p0 = finding("TLS-102", "certificates", Resource.of("Certificate", "api.example.com"),
            "Certificate api.example.com expired");
    private final Finding p1 = finding("PG-204", "smartcloudops-db", Resource.of("Database", "app"), HOSTILE_TITLE);
    private final Finding p2 = finding("K8S-103", "prod", Resource.of("Node", "node-1"), "Node node-1 is overcommitted");
    private final Finding p3 = finding("K8S-205", "prod", new Resource("Deployment", "smartcloudops", "api"),
            "Deployment api has no limits");

    /**
     * Run 1, 8 days ago (outside the window): P3. Run 2, 6 days ago: P0, P1, P2 new, P3 resolved. Run 3, 3 days
     * ago: P0 resolved, P1 and P2 persist. Run 4, a day ago: P0 back, P1 persists, P2 resolved.
     */
    @BeforeEach
    void seed() {
        url = TestDatabase.newStore();
        out = tmp.resolve("out");
        DataSource dataSource = new DriverManagerDataSource(url);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        RunStore runs = new RunStore(jdbc);
        FindingStore findings = new FindingStore(dataSource, TestCatalogue.get());
        Long previous = null;
        for (var run : List.of(Map.entry(day8, List.of(p3)), Map.entry(day6, List.of(p0, p1, p2)),
                Map.entry(day3, List.of(p1, p2)), Map.entry(day1, List.of(p0, p1)))) {
            long id = runs.create("nightly", "schedule", run.getKey(), "");
            List<Coverage> coverage = new ArrayList<>();
            for (Finding f : List.of(p0, p1, p2, p3)) {
                coverage.add(new Coverage(f.checkId(), f.target(), CoverageStatus.RAN, 1, 0, null));
            }
            findings.saveSweep(id, 0, run.getValue(), coverage, Map.of());
            findings.diff(id, previous, run.getKey(), AuditCode.AUDIT_904);
            runs.finish(id, RunStatus.COMPLETED, run.getKey().plusSeconds(60), Score.of(run.getValue()));
            previous = id;
        }
        String insert = "INSERT INTO waiver (code, match_pattern, reason, owner, expires_at) VALUES (?, ?, ?, ?, ?)";
        jdbc.sql(insert).params("K8S-101", "prod/node-2", "kernel upgrade <b>window</b>", "platform-team",
                Timestamp.from(now.plus(Duration.ofDays(3)))).update();
        jdbc.sql(insert).params("K8S-205", "prod/*", "later", "platform-team",
                Timestamp.from(now.plus(Duration.ofDays(20)))).update();
        jdbc.sql(insert).params("PG-301", "*", "gone", "database-team",
                Timestamp.from(now.minus(Duration.ofDays(1)))).update();
    }

    private static Finding finding(String code, String target, Resource resource, String title) {
        return Finding.of(TestCatalogue.get().find(code).orElseThrow(), target, resource).title(title)
                .detail(code + " detail").remediation("kubectl describe " + resource.name()).build();
    }

    private Path config(String weekly, boolean smtp) throws Exception {
        Path file = tmp.resolve("health-audit.yml");
        Files.writeString(file, "health-audit:\n  weekly:\n" + weekly
                + (smtp ? "spring:\n  mail:\n    host: 127.0.0.1\n    port: " + greenMail.getSmtp().getPort() + "\n"
                : ""));
        return file;
    }

    private CliRun weekly(Path config) {
        return CliRun.of("run", "weekly-report", "--config", config.toString(), "--store", url,
                "--out", out.toString());
    }

    /** The HTML without its tags, whitespace collapsed: what a reader sees (still HTML-escaped). */
    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    @Test
    void sendsOneEmailWithTheWeekAndTheLatestWorkbook() throws Exception {
        CliRun run = weekly(config("    recipients: [platform-lead@smartcloudops.ai, sre@smartcloudops.ai]\n"
                + "    from: audit@smartcloudops.ai\n", true));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String subject = "SmartCloudOps production weekly health: grade C, 2 open P0/P1";
        assertThat(run.out()).contains("health-audit weekly-report run 5: completed")
                .contains("weekly report \"" + subject + "\" sent to platform-lead@smartcloudops.ai, "
                        + "sre@smartcloudops.ai; written to " + out.resolve("weekly-" + now.toString().substring(0, 10)));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);   // one message, one copy per recipient
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("audit@smartcloudops.ai");
        assertThat(List.of(mail.getAllRecipients()).stream().map(Object::toString).toList())
                .containsExactly("platform-lead@smartcloudops.ai", "sre@smartcloudops.ai");
        assertThat(received[1].getMessageID()).isEqualTo(mail.getMessageID());

        Multipart parts = (Multipart) mail.getContent();
        String html = null;
        byte[] workbook = null;
        String attachment = null;
        List<MimeBodyPart> images = new ArrayList<>();
        for (BodyPart part : parts(parts)) {
            if (part.isMimeType("image/*")) {
                images.add((MimeBodyPart) part);
            } else if (part.isMimeType("text/html")) {
                html = ((String) part.getContent()).replace("\r\n", "\n");   // MIME text travels with CRLF
            } else if (part.getFileName() != null) {
                attachment = part.getFileName();
                try (InputStream in = part.getInputStream()) {
                    workbook = in.readAllBytes();
                }
            }
        }
        assertThat(html).isNotNull();
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<link").doesNotContain("<style")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; lock waits");
        // the latest run's trend (its job's runs, the one 8 days ago too) as a PNG part the HTML shows by its
        // Content-ID, over the table that says the same where images are blocked
        assertThat(images).singleElement().satisfies(png -> {
            assertThat(png.getContentType()).startsWith("image/png");
            assertThat(png.getContentID()).isEqualTo("<trend>");
            assertThat(png.getDisposition()).isEqualTo(Part.INLINE);
            BufferedImage image;
            try (InputStream in = png.getInputStream()) {
                image = ImageIO.read(in);
            }
            assertThat(image.getWidth()).isEqualTo(640);
            assertThat(image.getHeight()).isEqualTo(240);
        });
        assertThat(html.split("<img ", -1)).hasSize(2);
        assertThat(html).contains("<img src=\"cid:trend\" width=\"640\" height=\"240\" alt=\"Score and P0, P1, P2 "
                + "findings of the last 4 runs of nightly; run 4: score 65, 1 P0, 1 P1, 0 P2\"");
        assertThat(html.indexOf("cid:trend")).isBetween(html.indexOf(">Score trend<"), html.indexOf("<th"));
        String text = text(html);
        assertThat(text)
                .contains("Grade C Open P0/P1 2 ")
                .contains("Latest run 4 (nightly, " + TIME.format(day1) + "): score 65")
                // trend: the three runs of the window, not the one 8 days ago
                .contains("Score trend Run Job Started Score Grade 2 nightly " + TIME.format(day6) + " 62 C 3 nightly "
                        + TIME.format(day3) + " 87 B 4 nightly " + TIME.format(day1) + " 65 C New and resolved")
                .contains("Mean time to resolve P0 1 0 – P1 1 0 – P2 1 1 5d P3 0 1 2d Open P0/P1")
                // each with its team, and due its response time after it last opened (the P0 came back a day ago)
                .contains("Team Open since Age Due P0 TLS-102 Certificate api.example.com expired certificates "
                        + "Certificate/api.example.com platform " + TIME.format(day6) + " 6d "
                        + TIME.format(day1.plus(Duration.ofMinutes(15))) + " OVERDUE P1 PG-204 "
                        + "&lt;script&gt;alert(1)&lt;/script&gt; lock waits smartcloudops-db Database/app database "
                        + TIME.format(day6) + " 6d " + TIME.format(day6.plus(Duration.ofHours(1)))
                        + " OVERDUE Top recurring")
                .contains("Runs seen P1 PG-204 &lt;script&gt;alert(1)&lt;/script&gt; lock waits smartcloudops-db "
                        + "Database/app 3 P0 TLS-102 Certificate api.example.com expired certificates "
                        + "Certificate/api.example.com 2 P2 K8S-103 Node node-1 is overcommitted prod Node/node-1 2 "
                        + "Waivers expiring")
                .contains("Expires K8S-101 prod/node-2 kernel upgrade &lt;b&gt;window&lt;/b&gt; platform-team "
                        + TIME.format(now.plus(Duration.ofDays(3))) + " The latest run")
                .doesNotContain("PG-301").doesNotContain("later");

        assertThat(attachment).isEqualTo("report.xlsx");
        try (XSSFWorkbook xlsx = new XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
            List<String> sheets = new ArrayList<>();
            xlsx.forEach(s -> sheets.add(s.getSheetName()));
            assertThat(sheets).containsExactly("Summary", "Certificates", "PostgreSQL", "All findings",
                    "Coverage", "Trend");
        }
        Path dir = out.resolve("weekly-" + now.toString().substring(0, 10));
        // the copy on disk shows the same picture, from the file beside it
        assertThat(Files.readString(dir.resolve("email.html"))).isEqualTo(html.replace("src=\"cid:trend\"",
                "src=\"trend.png\""));
        assertThat(ImageIO.read(dir.resolve("trend.png").toFile()).getWidth()).isEqualTo(640);
        assertThat(dir.resolve("report.xlsx")).isNotEmptyFile();
        assertThat(TestDatabase.rows(url, "SELECT job || ' ' || status FROM audit_run WHERE id = 5"))
                .containsExactly("weekly-report COMPLETED");
        // the weekly run audits nothing, so `report` still shows the latest audit run
        assertThat(TestDatabase.rows(url, "SELECT count(*) FROM finding WHERE run_id = 5")).containsExactly("0");
    }

    /**
     * Where AWT cannot draw (a machine without fonts throws an Error), the email still goes, with the trend table
     * and without the picture, and one warning says why.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withoutAChartTheEmailGoesWithItsTrendTable(CapturedOutput output) throws Exception {
        DataSource dataSource = new DriverManagerDataSource(url);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        EscalationPolicy responseTimes = new EscalationPolicy(new NotifyProperties(null, null, null, null, null, null,
                null, null, null, null), List.of());
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(greenMail.getSmtp().getPort());
        TrendPng noFonts = new TrendPng() {
            @Override
            public byte[] render(List<ReportModel.TrendPoint> trend) {
                throw new NoClassDefFoundError("Could not initialize class sun.awt.X11FontManager");
            }
        };
        WeeklyReporter reporter = new WeeklyReporter(new WeeklyProperties(List.of("sre@smartcloudops.ai"), null, null),
                new WeeklyReportQuery(jdbc, new Waivers(jdbc, new AuditProperties(null, null, null, null, null, null)),
                        responseTimes, TestCatalogue.get()), new WeeklyEmail(),
                new ReportModelFactory(new RunStore(jdbc), new FindingStore(dataSource, TestCatalogue.get()),
                        new VerdictStore(jdbc), responseTimes), new ExcelReportRenderer(),
                new StaticListableBeanFactory(Map.of("smtp", smtp)).getBeanProvider(JavaMailSender.class),
                runId -> Optional.empty(), noFonts);

        WeeklyReporter.Result result = reporter.run(out, now);

        assertThat(result.sent()).as(result.message()).isTrue();
        assertThat(output.getAll()).containsOnlyOnce("weekly report: the trend chart could not be drawn "
                + "(java.lang.NoClassDefFoundError: Could not initialize class sun.awt.X11FontManager); the email is "
                + "sent with its trend table only");
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        List<BodyPart> parts = parts((Multipart) mail.getContent());
        assertThat(parts).noneMatch(p -> isMimeType(p, "image/*"));
        String html = (String) parts.stream().filter(p -> isMimeType(p, "text/html")).findFirst().orElseThrow()
                .getContent();
        assertThat(html).doesNotContain("<img").doesNotContain("cid:");
        assertThat(text(html)).contains("Score trend Run Job Started Score Grade 2 nightly " + TIME.format(day6));
        assertThat(result.dir().resolve("trend.png")).doesNotExist();
        assertThat(Files.readString(result.dir().resolve("email.html"))).isEqualToNormalizingNewlines(html);
    }

    private static boolean isMimeType(BodyPart part, String type) {
        try {
            return part.isMimeType(type);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
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

    @Test
    void withoutRecipientsTheEmailIsWrittenAndNotSent() throws Exception {
        CliRun run = weekly(config("    estate: Staging\n", true));

        Path dir = out.resolve("weekly-" + now.toString().substring(0, 10));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("  weekly report not sent (no health-audit.weekly.recipients configured); "
                + "written to " + dir + "\n");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(Files.readString(dir.resolve("email.html"))).contains("<title>Staging weekly health: grade C, "
                + "2 open P0/P1</title>");
        assertThat(dir.resolve("report.xlsx")).isNotEmptyFile();
    }

    @Test
    void withoutSmtpTheEmailIsWrittenAndNotSent() throws Exception {
        CliRun run = weekly(config("    recipients: [platform-lead@smartcloudops.ai]\n", false));

        Path dir = out.resolve("weekly-" + now.toString().substring(0, 10));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("  weekly report not sent (no spring.mail.host configured); written to "
                + dir + "\n");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(dir.resolve("email.html")).isNotEmptyFile();
    }
}
