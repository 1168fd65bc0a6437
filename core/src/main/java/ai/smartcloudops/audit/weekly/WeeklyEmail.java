package ai.smartcloudops.audit.weekly;

import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.Templates;
import ai.smartcloudops.audit.text.Humanize;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The weekly email's HTML body, rendered from {@code reports/templates/email.ftlh}. The template is an
 * {@code .ftlh}, so every interpolation is HTML-escaped; it uses inline styles only, no script and nothing fetched,
 * so a mail client shows it as it is. {@link View} holds every value already formatted.
 */
@Component
public class WeeklyEmail {

    static final String TEMPLATE = "email.ftlh";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Configuration freemarker;

    public WeeklyEmail() {
        this.freemarker = Templates.freemarker();
    }

    public record View(String subject, String estate, String window, String grade, String gradeColor,
                       String latest, int openUrgent, List<TrendRow> trend, List<SeverityRow> severities,
                       List<RecurringRow> recurring, List<OpenRow> open, List<WaiverRow> waivers,
                       String attachment, String reports, Chart chart) {
    }

    /**
     * The trend picture; the trend table stays for clients that block images.
     *
     * @param src {@code cid:trend} in the message, which carries it as an inline part; the file beside the copy on disk
     * @param alt what the picture shows, for those who do not see it
     */
    public record Chart(String src, int width, int height, String alt) {
    }

    public record TrendRow(String run, String job, String startedAt, int score, String grade, String gradeColor,
                           int barWidth) {
    }

    public record SeverityRow(String severity, String color, int opened, int resolved, String meanTimeToResolve) {
    }

    public record RecurringRow(String severity, String color, String code, String title, String target,
                               String resource, int runs) {
    }

    public record OpenRow(String severity, String color, String code, String title, String target, String resource,
                          String firstSeen, String age, String team, String due, boolean overdue) {
    }

    public record WaiverRow(String code, String pattern, String reason, String owner, String expires) {
    }

    /**
     * @param attachment the attached workbook's file name, or null when nothing is attached
     * @param reports    where the latest run's report directory is published (s3://…/), or null
     * @param chart      the trend picture the message carries, or null when it carries none
     */
    public String render(WeeklyReport report, String attachment, String reports, Chart chart) throws IOException {
        Template template = freemarker.getTemplate(TEMPLATE);
        StringWriter out = new StringWriter();
        try {
            template.process(Map.of("w", view(report, attachment, reports, chart)), out);
        } catch (TemplateException e) {
            throw new IOException("could not render " + TEMPLATE + ": " + e.getMessageWithoutStackTop(), e);
        }
        return out.toString();
    }

    static View view(WeeklyReport r, String attachment, String reports, Chart chart) {
        List<TrendRow> trend = new ArrayList<>();
        for (WeeklyReport.Run run : r.trend()) {
            trend.add(new TrendRow(String.valueOf(run.id()), run.job(), TIME.format(run.startedAt()), run.score(),
                    run.grade(), gradeColor(run.grade()), Math.max(2, Math.min(100, run.score())) * 2));
        }
        List<SeverityRow> severities = r.severities().stream().map(s -> new SeverityRow(s.severity().name(),
                color(s.severity()), s.opened(), s.resolved(),
                s.meanTimeToResolve() == null ? "–" : Humanize.duration(s.meanTimeToResolve()))).toList();
        List<RecurringRow> recurring = r.recurring().stream().map(f -> new RecurringRow(f.severity().name(),
                color(f.severity()), f.code(), f.title(), f.target(), f.resource(), f.runs())).toList();
        List<OpenRow> open = r.openUrgent().stream().map(f -> new OpenRow(f.severity().name(), color(f.severity()),
                f.code(), f.title(), f.target(), f.resource(), TIME.format(f.firstSeenAt()), Humanize.duration(f.age()),
                f.team().id(), TIME.format(f.due()), f.overdue())).toList();
        List<WaiverRow> waivers = r.expiringWaivers().stream().map(w -> new WaiverRow(w.code(), w.pattern(),
                w.reason(), w.owner(), TIME.format(w.expiresAt()))).toList();
        String latest = r.latest() == null ? "No audit run has completed yet."
                : "Latest run " + r.latest().id() + " (" + r.latest().job() + ", " + TIME.format(r.latest().startedAt())
                + "): score " + r.latest().score();
        return new View(r.subject(), r.estate(), DAY.format(r.from()) + " to " + DAY.format(r.to()), r.grade(),
                gradeColor(r.grade()), latest, r.openUrgent().size(), trend, severities, recurring, open, waivers,
                attachment, reports, chart);
    }

    /** The picture {@link TrendPng} draws of a run's trend, described for its alt text. */
    static Chart chart(String src, ReportModel model) {
        ReportModel.TrendPoint last = model.trend().get(model.trend().size() - 1);
        return new Chart(src, TrendPng.WIDTH, TrendPng.HEIGHT, model.trendTitle() + "; run " + last.runId()
                + ": " + last.charted());
    }

    static String day(Instant at) {
        return DAY.format(at);
    }

    static String color(Severity s) {
        return switch (s) {
            case P0 -> "#7f1d1d";
            case P1 -> "#d9480f";
            case P2 -> "#b7791f";
            case P3 -> "#5f7a99";
        };
    }

    private static String gradeColor(String grade) {
        return switch (grade) {
            case "A" -> "#2f7d32";
            case "B" -> "#5b8c2a";
            case "C" -> "#b7791f";
            case "D" -> "#d9480f";
            case "F" -> "#7f1d1d";
            default -> "#5c6773";
        };
    }
}
