package ai.smartcloudops.audit.report.html;

import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportRenderer;
import ai.smartcloudops.audit.report.Templates;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, nothing fetched) rendered from
 * {@code reports/templates/report.ftlh}. The template is an {@code .ftlh}, so every interpolation is
 * HTML-escaped; the template never switches escaping off for data.
 */
@Component
public class HtmlReportRenderer implements ReportRenderer {

    static final String TEMPLATE = "report.ftlh";

    private final Configuration freemarker;

    public HtmlReportRenderer() {
        this.freemarker = Templates.freemarker();
    }

    @Override
    public String format() {
        return "html";
    }

    @Override
    public String fileName() {
        return "report.html";
    }

    @Override
    public void render(ReportModel model, Path file) throws IOException {
        Template template = freemarker.getTemplate(TEMPLATE);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            template.process(Map.of("r", HtmlView.of(model)), out);
        } catch (TemplateException e) {
            throw new IOException("could not render " + TEMPLATE + " for run " + model.run().id() + ": "
                    + e.getMessageWithoutStackTop(), e);
        }
    }
}
