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

    /** Whether a run's reports include this format without asking for it (JUnit XML is written on request). */
    default boolean byDefault() {
        return true;
    }
}
