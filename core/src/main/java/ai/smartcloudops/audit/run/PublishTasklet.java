package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.publish.PushgatewayPublisher;
import ai.smartcloudops.audit.report.ReportModelFactory;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The publish step, after the report: the run's report directory to S3 (and what earlier runs still owe) and its
 * gauges to the Pushgateway, each when configured. Either being down costs the run a warning, not its completion: the
 * upload is owed and tried again ({@link ReportUploads}), and the next run pushes its own gauges.
 */
@Component
@StepScope
class PublishTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PublishTasklet.class);

    private final PushgatewayPublisher pushgateway;
    private final ReportUploads uploads;
    private final ReportModelFactory models;
    private final long runId;
    private final Path out;

    PublishTasklet(PushgatewayPublisher pushgateway, ReportUploads uploads, ReportModelFactory models,
                   @Value(AuditRequest.RUN_ID_PARAMETER) long runId, @Value(AuditRequest.OUT_PARAMETER) Path out) {
        this.pushgateway = pushgateway;
        this.uploads = uploads;
        this.models = models;
        this.runId = runId;
        this.out = out;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws InterruptedException {
        if (uploads.configured()) {
            uploads.upload(runId, out);
            uploads.retryOwed(out);
        }
        if (pushgateway.configured()) {
            try {
                LOG.info("run {}: gauges pushed ({})", runId, pushgateway.push(models.build(runId)));
            } catch (PushgatewayPublisher.PushException e) {
                LOG.warn("run {}: gauges not pushed: {}", runId, e.getMessage());
            }
        }
        return RepeatStatus.FINISHED;
    }
}
