package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.store.DeadlockRetry;
import java.time.Clock;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.FlowJobBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The audit jobs, each sweep → join → diff → escalate → notify → report → publish, on the JDBC job repository in the store
 * (Flyway creates its tables); the weekly-report job (no sweep: it reads the store and emails the last 7 days) and
 * the escalate job (no sweep: it escalates the open findings past their due time).
 * Each step is one call of a step-scoped tasklet that takes the job parameters it needs ({@link AuditRequest} names
 * them; runId and shard identify the job instance, one per shard of an audit run, so a failed shard restarts from its
 * failed step). A single process is shard 0 of 1. In a fleet run every shard sweeps its share and joins; only the
 * shard that completes the set goes on to diff, escalate, notify and report, so the run is reported and escalated
 * once.
 */
@Configuration(proxyBeanMethods = false)
public class AuditJobConfiguration {

    /** The join step's exit status of a shard that is not the last: its job ends there. */
    public static final String WAITING = "WAITING";
    /** The job execution context key of a one-line result: the weekly report's, or a waiting shard's. */
    public static final String MESSAGE = "message";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Job nightly(Steps steps) {
        return steps.audit(Schedule.NIGHTLY);
    }

    @Bean
    Job hourly(Steps steps) {
        return steps.audit(Schedule.HOURLY);
    }

    /**
     * Before a maintenance window: sweep → join → diff → verdict → report (the verdict first, so the reports
     * carry the gates). It neither escalates nor notifies: its output is the GO / NO-GO verdict, while the hourly and
     * nightly runs page for what they find.
     */
    @Bean
    Job preMaintenance(Steps steps, VerdictTasklet verdict) {
        String name = Schedule.PRE_MAINTENANCE.job();
        return steps.job(Schedule.PRE_MAINTENANCE, List.of(steps.diff(name),
                steps.transactional(name + ".verdict", verdict), steps.report(name), steps.publish(name)));
    }

    /** Reads the last 7 days of runs from the store and sends (or, without SMTP or recipients, writes) the email. */
    @Bean
    Job weeklyReport(Steps steps, WeeklyReportTasklet weekly) {
        String name = Schedule.WEEKLY_REPORT.job();
        return new JobBuilder(name, steps.repository()).listener(steps.finisher())
                .start(steps.resourceless(name + ".email", weekly)).build();
    }

    /**
     * Every few minutes: escalates the open findings past their due time and sends what the outbox holds, without
     * auditing, so the matrix's response times hold between audits.
     */
    @Bean
    Job escalate(Steps steps, EscalateOpenTasklet escalate) {
        String name = Schedule.ESCALATE.job();
        return new JobBuilder(name, steps.repository()).listener(steps.finisher())
                .start(steps.resourceless(name + ".escalate", escalate)).build();
    }

    @Bean
    Steps steps(JobRepository repository, PlatformTransactionManager transactionManager, SweepTasklet sweep,
                JoinTasklet join, DiffTasklet diff, EscalateTasklet escalate, NotifyTasklet notify,
                ReportTasklet report, PublishTasklet publish, RunStore runs, Clock clock) {
        return new Steps(repository, transactionManager, sweep, join, diff, escalate, notify, report, publish, runs,
                clock);
    }

    /** The steps of the audit jobs, named after their job, over the step-scoped tasklets. */
    record Steps(JobRepository repository, PlatformTransactionManager transactionManager, Tasklet sweepTasklet,
                 Tasklet joinTasklet, Tasklet diffTasklet, Tasklet escalateTasklet, Tasklet notifyTasklet,
                 Tasklet reportTasklet, Tasklet publishTasklet, RunStore runs, Clock clock) {

        Job audit(Schedule schedule) {
            String name = schedule.job();
            return job(schedule, List.of(diff(name), transactional(name + ".escalate", escalateTasklet),
                    resourceless(name + ".notify", notifyTasklet), report(name), publish(name)));
        }

        /** sweep → join, then the steps that finish the run, taken only by the shard that completes the set. */
        Job job(Schedule schedule, List<Step> finish) {
            String name = schedule.job();
            Step join = transactional(name + ".join", joinTasklet);
            FlowBuilder<FlowJobBuilder> flow = new JobBuilder(name, repository)
                    .listener(finisher())
                    .start(resourceless(name + ".sweep", sweepTasklet))
                    .next(join).on(WAITING).end()
                    .from(join).on("*").to(finish.get(0));
            for (Step step : finish.subList(1, finish.size())) {
                flow = flow.next(step);
            }
            return flow.end().build();
        }

        Step diff(String job) {
            return transactional(job + ".diff", diffTasklet);
        }

        Step report(String job) {
            return transactional(job + ".report", reportTasklet);
        }

        /** After the report, so a Pushgateway that is slow or down never holds the run's transaction. */
        Step publish(String job) {
            return resourceless(job + ".publish", publishTasklet);
        }

        /**
         * A step of one tasklet call in one transaction; the call runs once more when it lost a deadlock to another
         * run writing the same store (hourly and nightly together).
         */
        Step transactional(String name, Tasklet tasklet) {
            DeadlockRetry retry = new DeadlockRetry(transactionManager);
            return new StepBuilder(name, repository).tasklet((contribution, chunk) -> retry.run("step " + name,
                    () -> tasklet.execute(contribution, chunk)), transactionManager).build();
        }

        /** A step whose tasklet keeps no transaction open: it writes in short transactions of its own. */
        Step resourceless(String name, Tasklet tasklet) {
            return new StepBuilder(name, repository).tasklet(tasklet, new ResourcelessTransactionManager()).build();
        }

        /** Marks the audit run FAILED when the job did not complete; completion is marked by the report step. */
        JobExecutionListener finisher() {
            return new JobExecutionListener() {
                @Override
                public void afterJob(JobExecution execution) {
                    if (execution.getStatus() != BatchStatus.COMPLETED) {
                        runs.finish(execution.getJobParameters().getLong(AuditRequest.RUN_ID), RunStatus.FAILED,
                                clock.instant(), null);
                    }
                }
            };
        }
    }
}
