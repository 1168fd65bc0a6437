package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.weekly.WeeklyReporter;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The weekly-report job's one step: reads the last 7 days of runs from the store and sends (or, without SMTP or
 * recipients, writes) the email.
 */
@Component
@StepScope
class WeeklyReportTasklet extends NoAuditTasklet {

    private final WeeklyReporter weekly;

    WeeklyReportTasklet(WeeklyReporter weekly, RunStore runs, Clock clock,
                        @Value(AuditRequest.RUN_ID_PARAMETER) long runId,
                        @Value(AuditRequest.OUT_PARAMETER) Path out) {
        super(runs, clock, runId, out);
        this.weekly = weekly;
    }

    @Override
    String work(StepContribution contribution, ChunkContext chunk, Clock clock) throws Exception {
        return weekly.run(out, clock.instant()).message();
    }
}
