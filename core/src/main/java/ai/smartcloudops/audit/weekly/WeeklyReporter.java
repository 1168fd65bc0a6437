package ai.smartcloudops.audit.weekly;

import ai.smartcloudops.audit.report.ReportLocations;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.excel.ExcelReportRenderer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.awt.AWTError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The weekly-report job's work: reads the last 7 days from the store, writes the email ({@code email.html}) and the
 * latest audit run's workbook ({@code report.xlsx}, by the report's own Excel renderer) under
 * {@code <out>/weekly-<date>/}, and sends them to {@code health-audit.weekly.recipients} when SMTP
 * ({@code spring.mail.host}) is configured, with the latest run's trend as an inline PNG ({@link TrendPng}).
 */
@Component
public class WeeklyReporter {

    public static final String HTML = "email.html";
    public static final String WORKBOOK = "report.xlsx";
    /** The trend picture's Content-ID, which the HTML references as {@code cid:trend}. */
    static final String CHART_ID = "trend";
    /** The trend picture beside {@link #HTML} on disk. */
    static final String CHART_FILE = "trend.png";
    private static final Logger LOG = LoggerFactory.getLogger(WeeklyReporter.class);

    private final WeeklyProperties properties;
    private final WeeklyReportQuery query;
    private final WeeklyEmail email;
    private final ReportModelFactory models;
    private final ExcelReportRenderer excel;
    private final ObjectProvider<JavaMailSender> mail;
    private final ReportLocations locations;
    private final TrendPng png;

    public WeeklyReporter(WeeklyProperties properties, WeeklyReportQuery query, WeeklyEmail email,
                          ReportModelFactory models, ExcelReportRenderer excel, ObjectProvider<JavaMailSender> mail,
                          ReportLocations locations, TrendPng png) {
        this.locations = locations;
        this.png = png;
        this.properties = properties;
        this.query = query;
        this.email = email;
        this.models = models;
        this.excel = excel;
        this.mail = mail;
    }

    /**
     * The latest run's trend as a PNG, or null where AWT cannot draw (a machine without fonts throws an Error as
     * often as an exception): the email then goes without the picture, its trend table still there, and the weekly
     * job does not fail for a picture. An OutOfMemoryError is not caught here.
     */
    private byte[] picture(ReportModel latest) {
        try {
            return png.render(latest.trend());
        } catch (IOException | RuntimeException | LinkageError | AWTError | InternalError e) {
            LOG.warn("weekly report: the trend chart could not be drawn ({}); the email is sent with its trend table only",
                    e.toString());
            return null;
        }
    }

    /** @param message one line: sent to whom, or why not, and where the files are */
    public record Result(WeeklyReport report, Path dir, boolean sent, String message) {
    }

    public Result run(Path outRoot, Instant now) throws IOException, MessagingException {
        WeeklyReport report = query.build(properties.estate(), now);
        Path dir = outRoot.resolve("weekly-" + WeeklyEmail.day(now));
        Files.createDirectories(dir);
        ReportModel latest = report.latest() == null ? null : models.build(report.latest().id());
        Path workbook = null;
        if (latest != null) {
            workbook = dir.resolve(WORKBOOK);
            Path part = Files.createTempFile(dir, "." + WORKBOOK + "-", ".part");
            try {
                excel.render(latest, part);
                Files.move(part, workbook, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        } else {
            Files.deleteIfExists(dir.resolve(WORKBOOK));
        }
        byte[] picture = latest == null || latest.trend().isEmpty() ? null : picture(latest);
        String reports = report.latest() == null ? null : locations.of(report.latest().id()).orElse(null);
        String attachment = workbook == null ? null : WORKBOOK;
        // the copy on disk shows the picture beside it; the message carries it as an inline part
        if (picture != null) {
            Files.write(dir.resolve(CHART_FILE), picture);
        } else {
            Files.deleteIfExists(dir.resolve(CHART_FILE));
        }
        Files.writeString(dir.resolve(HTML), email.render(report, attachment, reports,
                picture == null ? null : WeeklyEmail.chart(CHART_FILE, latest)), StandardCharsets.UTF_8);
        String html = email.render(report, attachment, reports,
                picture == null ? null : WeeklyEmail.chart("cid:" + CHART_ID, latest));

        JavaMailSender sender = mail.getIfAvailable();
        if (properties.recipients().isEmpty() || sender == null) {
            String why = properties.recipients().isEmpty() ? "no health-audit.weekly.recipients configured"
                    : "no spring.mail.host configured";
            return new Result(report, dir, false, "weekly report not sent (" + why + "); written to " + dir);
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(properties.recipients().toArray(String[]::new));
        helper.setSubject(report.subject());
        helper.setText(html, true);
        if (picture != null) {
            helper.addInline(CHART_ID, new ByteArrayResource(picture), "image/png");
        }
        if (workbook != null) {
            helper.addAttachment(WORKBOOK, new FileSystemResource(workbook));
        }
        sender.send(message);
        return new Result(report, dir, true, "weekly report \"" + report.subject() + "\" sent to "
                + String.join(", ", properties.recipients()) + "; written to " + dir);
    }
}
