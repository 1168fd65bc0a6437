package ai.smartcloudops.audit.report;

import java.io.IOException;
import java.nio.file.Path;

/** Writes one report format of a run into a directory. */
public interface ReportRenderer {

    /** The format name used by {@code report --format}: html, xlsx, json. */
    String format();

    /** The file name written into the run's directory. */
    String fileName();

    void render(ReportModel model, Path file) throws IOException;
}
