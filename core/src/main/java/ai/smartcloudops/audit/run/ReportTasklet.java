package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.ReportWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The report step: marks the run completed and renders its reports under {@code <out>/<run-id>/}. */
@Component
@StepScope
class ReportTasklet implements Tasklet {

    private final RunStore runs;
    private final ReportModelFactory models;
    private final ReportWriter writer;
    private final Clock clock;
    private final long runId;
    private final Path out;

    ReportTasklet(RunStore runs, ReportModelFactory models, ReportWriter writer, Clock clock,
                  @Value(AuditRequest.RUN_ID_PARAMETER) long runId, @Value(AuditRequest.OUT_PARAMETER) Path out) {
        this.runs = runs;
        this.models = models;
        this.writer = writer;
        this.clock = clock;
        this.runId = runId;
        this.out = out;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        runs.finish(runId, RunStatus.COMPLETED, clock.instant(), null);
        writer.write(models.build(runId), out);
        return RepeatStatus.FINISHED;
    }
}
