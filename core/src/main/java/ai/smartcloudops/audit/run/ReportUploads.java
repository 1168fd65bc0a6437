package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.publish.OwedUploads;
import ai.smartcloudops.audit.publish.S3Publisher;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A run's reports to S3, and what earlier runs still owe: an upload that fails is kept in the store and tried again
 * by the next publish step or escalate job once its wait is over. A run whose directory is gone (a CronJob's pod
 * takes it along) has its reports rendered again from the store for the retry.
 */
@Component
class ReportUploads {

    private static final Logger LOG = LoggerFactory.getLogger(ReportUploads.class);

    private final S3Publisher s3;
    private final OwedUploads owed;
    private final ReportModelFactory models;
    private final ReportWriter writer;
    private final Clock clock;

    ReportUploads(S3Publisher s3, OwedUploads owed, ReportModelFactory models, ReportWriter writer, Clock clock) {
        this.s3 = s3;
        this.owed = owed;
        this.models = models;
        this.writer = writer;
        this.clock = clock;
    }

    boolean configured() {
        return s3.configured();
    }

    /** Uploads the run's directory under {@code outRoot}; a failure is logged once and owed. */
    void upload(long runId, Path outRoot) {
        try {
            LOG.info("run {}: reports uploaded ({})", runId, s3.upload(runId, outRoot.resolve(String.valueOf(runId))));
            owed.uploaded(runId);
        } catch (IOException e) {
            LOG.warn("run {}: reports not uploaded to {}, to be tried again: {}", runId, s3.location(runId),
                    e.getMessage());
            owed.failed(runId, e.getMessage(), clock.instant());
        }
    }

    /** Tries the owed uploads whose wait is over; returns how many went. */
    int retryOwed(Path outRoot) {
        int uploaded = 0;
        for (long runId : owed.due(clock.instant())) {
            Path rendered = null;
            try {
                Path dir = outRoot.resolve(String.valueOf(runId));
                if (!hasFiles(dir)) {
                    // under the report directory, sized for reports (a pod's /tmp is small)
                    rendered = Files.createTempDirectory(Files.createDirectories(outRoot), ".upload-");
                    dir = writer.write(models.build(runId), rendered);
                }
                LOG.info("run {}: owed reports uploaded ({})", runId, s3.upload(runId, dir));
                owed.uploaded(runId);
                uploaded++;
            } catch (IOException | RuntimeException e) {
                LOG.warn("run {}: owed reports still not uploaded to {}: {}", runId, s3.location(runId),
                        Errors.describe(e));
                owed.failed(runId, Errors.describe(e), clock.instant());
            } finally {
                delete(rendered);
            }
        }
        return uploaded;
    }

    private static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            ReportWriter.deleteTree(dir);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
