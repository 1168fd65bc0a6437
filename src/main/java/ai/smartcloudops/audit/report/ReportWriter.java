package ai.smartcloudops.audit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/** Placeholder until the renderers land: writes each renderer's file into out/run-id. */
@Component
public class ReportWriter {

    private final List<ReportRenderer> renderers;

    public ReportWriter(List<ReportRenderer> renderers) {
        this.renderers = renderers;
    }

    public Path write(ReportModel model, Path outRoot) throws IOException {
        Path dir = outRoot.resolve(String.valueOf(model.run().id()));
        Files.createDirectories(dir);
        for (ReportRenderer r : renderers) {
            r.render(model, dir.resolve(r.fileName()));
        }
        return dir;
    }
}
