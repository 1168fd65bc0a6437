package ai.smartcloudops.audit.run;

import java.time.Clock;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The join step: records the shard's sweep as stored; a shard that leaves others still sweeping ends its job here
 * ({@value AuditJobConfiguration#WAITING}), the one that completes the set finishes the run.
 */
@Component
@StepScope
class JoinTasklet implements Tasklet {

    private final RunStore runs;
    private final Clock clock;
    private final long runId;
    private final Shard shard;

    JoinTasklet(RunStore runs, Clock clock,
                @Value(AuditRequest.RUN_ID_PARAMETER) long runId,
                @Value(AuditRequest.SHARD_PARAMETER) Long shard,
                @Value(AuditRequest.SHARDS_PARAMETER) Long shards,
                @Value(AuditRequest.RUN_KEY_PARAMETER) String runKey) {
        this.runs = runs;
        this.clock = clock;
        this.runId = runId;
        this.shard = AuditRequest.shard(shard, shards, runKey);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        RunStore.Swept swept = runs.swept(runId, shard.index(), clock.instant());
        if (!swept.all()) {
            contribution.setExitStatus(new ExitStatus(AuditJobConfiguration.WAITING));
            chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext().putString(
                    AuditJobConfiguration.MESSAGE, shard.describe() + " swept; " + swept.done() + " of "
                            + swept.shards() + " shards done, the last one diffs, escalates and writes the reports");
        }
        return RepeatStatus.FINISHED;
    }
}
