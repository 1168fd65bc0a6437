package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Score;
import java.time.Clock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The diff step: the run's findings against the previous run of the same job, and the run's score. */
@Component
@StepScope
class DiffTasklet implements Tasklet {

    private final FindingStore findings;
    private final RunStore runs;
    private final Clock clock;
    private final String job;
    private final long runId;

    DiffTasklet(FindingStore findings, RunStore runs, Clock clock, @Value(AuditRequest.JOB_NAME) String job,
                @Value(AuditRequest.RUN_ID_PARAMETER) long runId) {
        this.findings = findings;
        this.runs = runs;
        this.clock = clock;
        this.job = job;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        findings.diff(runId, runs.previousId(runId, job), clock.instant(), AuditCode.AUDIT_904);
        // counted by the store: a run of 100,000 findings need not be read into the heap to be scored
        runs.score(runId, Score.of(findings.counts(runId)));
        return RepeatStatus.FINISHED;
    }
}
