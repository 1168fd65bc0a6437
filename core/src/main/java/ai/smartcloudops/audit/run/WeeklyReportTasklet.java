package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.weekly.WeeklyReporter;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The weekly-report job's one step: reads the last 7 days of runs from the store and sends (or, without SMTP or
 * recipients, writes) the email; its one-line result goes to the job execution context for the summary.
 */
@Component
@StepScope
class WeeklyReportTasklet implements Tasklet {

    private final WeeklyReporter weekly;
    private final RunStore runs;
    private final Clock clock;
    private final long runId;
    private final Path out;

    WeeklyReportTasklet(WeeklyReporter weekly, RunStore runs, Clock clock,
                        @Value(AuditRequest.RUN_ID_PARAMETER) long runId,
                        @Value(AuditRequest.OUT_PARAMETER) Path out) {
        this.weekly = weekly;
        this.runs = runs;
        this.clock = clock;
        this.runId = runId;
        this.out = out;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        WeeklyReporter.Result result = weekly.run(out, clock.instant());
        chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .putString(AuditJobConfiguration.MESSAGE, result.message());
        runs.finish(runId, RunStatus.COMPLETED, clock.instant(), null);
        return RepeatStatus.FINISHED;
    }
}
