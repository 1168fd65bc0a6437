package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.publish.PushgatewayPublisher;
import ai.smartcloudops.audit.publish.S3Publisher;
import ai.smartcloudops.audit.report.ReportModelFactory;
import java.io.IOException;
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
 * The publish step, after the report: the run's report directory to S3 and its gauges to the Pushgateway, each when
 * configured. Either being down costs the run a warning, not its completion: the reports stay in the run's directory
 * and the store, and the next run pushes its own gauges.
 */
@Component
@StepScope
class PublishTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PublishTasklet.class);

    private final PushgatewayPublisher pushgateway;
    private final S3Publisher s3;
    private final ReportModelFactory models;
    private final long runId;
    private final Path out;

    PublishTasklet(PushgatewayPublisher pushgateway, S3Publisher s3, ReportModelFactory models,
                   @Value(AuditRequest.RUN_ID_PARAMETER) long runId, @Value(AuditRequest.OUT_PARAMETER) Path out) {
        this.pushgateway = pushgateway;
        this.s3 = s3;
        this.models = models;
        this.runId = runId;
        this.out = out;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws InterruptedException {
        if (s3.configured()) {
            try {
                LOG.info("run {}: reports uploaded ({})", runId, s3.upload(runId, out.resolve(String.valueOf(runId))));
            } catch (IOException e) {
                LOG.warn("run {}: reports not uploaded to {}: {}", runId, s3.location(runId), e.getMessage());
            }
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
