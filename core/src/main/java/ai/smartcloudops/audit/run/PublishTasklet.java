package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.publish.PushgatewayPublisher;
import ai.smartcloudops.audit.report.ReportModelFactory;
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
 * The publish step, after the report: the run's gauges to the Pushgateway when one is configured. A Pushgateway that
 * is down costs the run nothing but a warning: the gauges are the run's state, and the next run pushes its own.
 */
@Component
@StepScope
class PublishTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PublishTasklet.class);

    private final PushgatewayPublisher pushgateway;
    private final ReportModelFactory models;
    private final long runId;

    PublishTasklet(PushgatewayPublisher pushgateway, ReportModelFactory models,
                   @Value(AuditRequest.RUN_ID_PARAMETER) long runId) {
        this.pushgateway = pushgateway;
        this.models = models;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws InterruptedException {
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
