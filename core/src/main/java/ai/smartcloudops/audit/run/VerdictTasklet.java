package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.maintenance.Gates;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import java.time.Clock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The pre-maintenance job's verdict step: the gates judged from the run's findings and coverage, stored. */
@Component
@StepScope
class VerdictTasklet implements Tasklet {

    private final Gates gates;
    private final VerdictStore verdicts;
    private final Clock clock;
    private final long runId;
    private final MaintenanceWindow window;

    VerdictTasklet(Gates gates, VerdictStore verdicts, Clock clock, @Value(AuditRequest.RUN_ID_PARAMETER) long runId,
                   @Value(AuditRequest.WINDOW_PARAMETER) String window) {
        this.gates = gates;
        this.verdicts = verdicts;
        this.clock = clock;
        this.runId = runId;
        this.window = AuditRequest.storedWindow(window);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        verdicts.save(runId, gates.evaluate(runId, window, clock.instant()));
        return RepeatStatus.FINISHED;
    }
}
