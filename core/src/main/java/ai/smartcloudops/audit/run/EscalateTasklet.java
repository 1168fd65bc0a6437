package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.notify.Notifier;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The escalate step: queues the run's notifications in the outbox, in the step's one transaction. */
@Component
@StepScope
class EscalateTasklet implements Tasklet {

    private final Notifier notifier;
    private final RunStore runs;
    private final String job;
    private final long runId;

    EscalateTasklet(Notifier notifier, RunStore runs, @Value(AuditRequest.JOB_NAME) String job,
                    @Value(AuditRequest.RUN_ID_PARAMETER) long runId) {
        this.notifier = notifier;
        this.runs = runs;
        this.job = job;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        contribution.incrementWriteCount(notifier.escalate(runId, runs.previousId(runId, job)));
        return RepeatStatus.FINISHED;
    }
}
