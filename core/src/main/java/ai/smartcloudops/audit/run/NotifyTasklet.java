package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.notify.Notifier;
import java.nio.file.Path;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The notify step: sends what the outbox holds (earlier runs' leftovers first), claimed by this job execution, and
 * writes notifications.json. It runs without a step transaction, so no connection of the store waits on a channel.
 */
@Component
@StepScope
class NotifyTasklet implements Tasklet {

    private final Notifier notifier;
    private final long runId;
    private final Path out;

    NotifyTasklet(Notifier notifier, @Value(AuditRequest.RUN_ID_PARAMETER) long runId,
                  @Value(AuditRequest.OUT_PARAMETER) Path out) {
        this.notifier = notifier;
        this.runId = runId;
        this.out = out;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        notifier.dispatch(chunk.getStepContext().getStepExecution().getJobExecutionId());
        notifier.write(runId, out.resolve(String.valueOf(runId)));
        return RepeatStatus.FINISHED;
    }
}
