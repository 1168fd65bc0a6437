package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.finding.RunStatus;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The one step of a job that audits nothing (the weekly report, escalate): it does its work, puts its one-line result
 * in the job execution context for the summary, and completes the run. Not final: the step scope proxies it.
 */
abstract class NoAuditTasklet implements Tasklet {

    protected final long runId;
    protected final Path out;
    private final RunStore runs;
    private final Clock clock;

    NoAuditTasklet(RunStore runs, Clock clock, long runId, Path out) {
        this.runs = runs;
        this.clock = clock;
        this.runId = runId;
        this.out = out;
    }

    /** The job's work; returns its one-line result. */
    abstract String work(StepContribution contribution, ChunkContext chunk, Clock clock) throws Exception;

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        String message = work(contribution, chunk, clock);
        chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .putString(AuditJobConfiguration.MESSAGE, message);
        runs.finish(runId, RunStatus.COMPLETED, clock.instant(), null);
        return RepeatStatus.FINISHED;
    }
}
