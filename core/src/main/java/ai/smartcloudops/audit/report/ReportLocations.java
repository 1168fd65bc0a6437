package ai.smartcloudops.audit.report;

import java.util.Optional;

/** Where a run's report directory is published besides the local one (an S3 prefix), if anywhere. */
public interface ReportLocations {

    Optional<String> of(long runId);
}
