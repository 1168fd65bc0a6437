package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.notify.Notifier;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The escalate job's one step: escalates the open findings past their due time (in the notifier's transaction),
 * sends what is due in the outbox (this run's and what earlier runs left), writes notifications.json and tries the
 * report uploads earlier runs still owe. It audits nothing.
 */
@Component
@StepScope
class EscalateOpenTasklet extends NoAuditTasklet {

    private final Notifier notifier;
    private final ReportUploads uploads;

    EscalateOpenTasklet(Notifier notifier, ReportUploads uploads, RunStore runs, Clock clock,
                        @Value(AuditRequest.RUN_ID_PARAMETER) long runId,
                        @Value(AuditRequest.OUT_PARAMETER) Path out) {
        super(runs, clock, runId, out);
        this.notifier = notifier;
        this.uploads = uploads;
    }

    @Override
    String work(StepContribution contribution, ChunkContext chunk, Clock clock) throws Exception {
        Notifier.Escalation escalation = notifier.escalateOpen(runId);
        contribution.incrementWriteCount(escalation.notifications());
        notifier.dispatch(chunk.getStepContext().getStepExecution().getJobExecutionId());
        notifier.write(runId, out.resolve(String.valueOf(runId)));
        if (uploads.configured()) {
            uploads.retryOwed(out);
        }
        return escalation.message();
    }
}
