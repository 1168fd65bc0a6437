package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.Schedule;
import ai.smartcloudops.audit.finding.AuditRun;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Score;
import ai.smartcloudops.audit.waiver.Waivers;
import ai.smartcloudops.audit.maintenance.Gates;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import ai.smartcloudops.audit.notify.Notifier;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.ReportWriter;
import ai.smartcloudops.audit.store.DeadlockRetry;
import ai.smartcloudops.audit.weekly.WeeklyReporter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.FlowJobBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The audit jobs, each sweep → join → diff → escalate → notify → report, on the JDBC job repository in the store
 * (Flyway creates its tables), and the weekly-report job (no sweep: it reads the store and emails the last 7 days).
 * Job parameters: runId and shard (identifying: one job instance per shard of an audit run, so a failed shard
 * restarts from its failed step), areas, target, out. A single process is shard 0 of 1. In a fleet run every shard
 * sweeps its share and joins; only the shard that completes the set goes on to diff, escalate, notify and report,
 * so the run is reported and escalated once.
 */
@Configuration(proxyBeanMethods = false)
public class AuditJobConfiguration {

    public static final String RUN_ID = "runId";
    public static final String AREAS = "areas";
    public static final String TARGET = "target";
    public static final String SHARD = "shard";
    public static final String SHARDS = "shards";
    public static final String RUN_KEY = "runKey";
    /** The join step's exit status of a shard that is not the last: its job ends there. */
    public static final String WAITING = "WAITING";
    public static final String OUT = "out";
    /** The pre-maintenance job's window, START/DURATION (non-identifying). */
    public static final String WINDOW = "window";
    /** The job execution context key of the weekly-report job's one-line result. */
    public static final String MESSAGE = "message";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Job nightly(JobRepository repository, Steps steps) {
        return audit(Schedule.NIGHTLY, repository, steps);
    }

    @Bean
    Job hourly(JobRepository repository, Steps steps) {
        return audit(Schedule.HOURLY, repository, steps);
    }

    /**
     * Before a maintenance window: sweep → join → diff → verdict → report (the verdict first, so the reports
     * carry the gates). It neither escalates nor notifies: its output is the GO / NO-GO verdict, while the hourly and
     * nightly runs page for what they find.
     */
    @Bean
    Job preMaintenance(JobRepository repository, Steps steps, Gates gates, VerdictStore verdicts) {
        String name = Schedule.PRE_MAINTENANCE.job();
        Step verdict = steps.step(name + ".verdict", (contribution, chunk) -> {
            JobParameters params = chunk.getStepContext().getStepExecution().getJobParameters();
            long runId = params.getLong(RUN_ID);
            verdicts.save(runId, gates.evaluate(runId, MaintenanceWindow.parse(params.getString(WINDOW)),
                    steps.clock().instant()));
            return RepeatStatus.FINISHED;
        });
        return job(Schedule.PRE_MAINTENANCE, repository, steps, List.of(steps.diff(name), verdict,
                steps.report(name)));
    }

    /** Reads the last 7 days of runs from the store and sends (or, without SMTP or recipients, writes) the email. */
    @Bean
    Job weeklyReport(JobRepository repository, Steps steps, WeeklyReporter weekly) {
        String name = AuditRun.WEEKLY_REPORT;
        Step report = new StepBuilder(name + ".email", repository).tasklet((contribution, chunk) -> {
            var execution = chunk.getStepContext().getStepExecution();
            long runId = execution.getJobParameters().getLong(RUN_ID);
            WeeklyReporter.Result result = weekly.run(Path.of(execution.getJobParameters().getString(OUT)),
                    steps.clock().instant());
            execution.getJobExecution().getExecutionContext().putString(MESSAGE, result.message());
            steps.runs().finish(runId, AuditRun.COMPLETED, steps.clock().instant(), null);
            return RepeatStatus.FINISHED;
        }, new ResourcelessTransactionManager()).build();
        return new JobBuilder(name, repository).listener(steps.finisher()).start(report).build();
    }

    private static Job audit(Schedule schedule, JobRepository repository, Steps steps) {
        String name = schedule.job();
        return job(schedule, repository, steps, List.of(steps.diff(name), steps.escalate(name), steps.notify(name),
                steps.report(name)));
    }

    /** sweep → join, then the steps that finish the run, taken only by the shard that completes the set. */
    private static Job job(Schedule schedule, JobRepository repository, Steps steps, List<Step> finish) {
        String name = schedule.job();
        Step join = steps.join(name);
        FlowBuilder<FlowJobBuilder> flow = new JobBuilder(name, repository)
                .listener(steps.finisher())
                .start(steps.sweep(name, schedule))
                .next(join).on(WAITING).end()
                .from(join).on("*").to(finish.get(0));
        for (Step step : finish.subList(1, finish.size())) {
            flow = flow.next(step);
        }
        return flow.end().build();
    }

    @Bean
    Steps steps(JobRepository repository, PlatformTransactionManager transactionManager, Sweep sweep,
                FindingStore findings, Waivers waivers, RunStore runs, ReportModelFactory models, ReportWriter writer,
                Notifier notifier, Clock clock) {
        return new Steps(repository, transactionManager, sweep, findings, waivers, runs, models, writer, notifier,
                clock);
    }

    /** The steps of every audit job; each reads what it needs from the job parameters. */
    record Steps(JobRepository repository, PlatformTransactionManager transactionManager, Sweep sweep,
                 FindingStore findings, Waivers waivers, RunStore runs, ReportModelFactory models,
                 ReportWriter writer, Notifier notifier, Clock clock) {

        Step sweep(String job, Schedule schedule) {
            return step(job + ".sweep", (contribution, chunk) -> {
                JobParameters params = chunk.getStepContext().getStepExecution().getJobParameters();
                long runId = params.getLong(RUN_ID);
                Long previous = runs.previous(runId, job).map(AuditRun::id).orElse(null);
                Shard shard = shard(params);
                Sweep.Result result = sweep.run(runId, schedule, Area.split(params.getString(AREAS)),
                        params.getString(TARGET), shard, fingerprint -> previous == null ? Optional.empty()
                                : findings.evidence(previous, fingerprint),
                        new Samples((target, name) -> findings.previousSample(runId, target, name)),
                        findings::openSeverity);
                // waived before they are stored, so the diff, the escalation and the report all see the waiver
                findings.saveSweep(runId, shard.index(), waivers.apply(result.findings(), clock.instant()),
                        result.coverage(), result.samples());
                contribution.incrementWriteCount(result.findings().size());
                return RepeatStatus.FINISHED;
            });
        }

        /**
         * Records the shard's sweep as stored; a shard that leaves others still sweeping ends its job here
         * ({@value #WAITING}), the one that completes the set finishes the run.
         */
        Step join(String job) {
            return step(job + ".join", (contribution, chunk) -> {
                var execution = chunk.getStepContext().getStepExecution();
                JobParameters params = execution.getJobParameters();
                long runId = params.getLong(RUN_ID);
                RunStore.Swept swept = runs.swept(runId, shard(params).index(), clock.instant());
                if (!swept.all()) {
                    contribution.setExitStatus(new ExitStatus(WAITING));
                    execution.getJobExecution().getExecutionContext().putString(MESSAGE, shard(params).describe()
                            + " swept; " + swept.done() + " of " + swept.shards()
                            + " shards done, the last one diffs, escalates and writes the reports");
                }
                return RepeatStatus.FINISHED;
            });
        }

        Step diff(String job) {
            return step(job + ".diff", (contribution, chunk) -> {
                long runId = chunk.getStepContext().getStepExecution().getJobParameters().getLong(RUN_ID);
                Long previous = runs.previous(runId, job).map(AuditRun::id).orElse(null);
                findings.diff(runId, previous, clock.instant());
                runs.score(runId, Score.of(findings.findings(runId)));
                return RepeatStatus.FINISHED;
            });
        }

        /** Queues the run's notifications in the outbox, in the step's one transaction. */
        Step escalate(String job) {
            return step(job + ".escalate", (contribution, chunk) -> {
                long runId = chunk.getStepContext().getStepExecution().getJobParameters().getLong(RUN_ID);
                Long previous = runs.previous(runId, job).map(AuditRun::id).orElse(null);
                contribution.incrementWriteCount(notifier.escalate(runId, previous));
                return RepeatStatus.FINISHED;
            });
        }

        /** Sends what the outbox holds (earlier runs' leftovers first) and writes notifications.json. */
        Step notify(String job) {
            return new StepBuilder(job + ".notify", repository).tasklet((contribution, chunk) -> {
                JobParameters params = chunk.getStepContext().getStepExecution().getJobParameters();
                long runId = params.getLong(RUN_ID);
                notifier.dispatch(chunk.getStepContext().getStepExecution().getJobExecutionId());
                notifier.write(runId, Path.of(params.getString(OUT)).resolve(String.valueOf(runId)));
                return RepeatStatus.FINISHED;
            }, new ResourcelessTransactionManager()).build();
        }

        Step report(String job) {
            return step(job + ".report", (contribution, chunk) -> {
                JobParameters params = chunk.getStepContext().getStepExecution().getJobParameters();
                long runId = params.getLong(RUN_ID);
                runs.finish(runId, AuditRun.COMPLETED, clock.instant(), null);
                ReportModel model = models.build(runId);
                writer.write(model, Path.of(params.getString(OUT)));
                return RepeatStatus.FINISHED;
            });
        }

        /** Marks the audit run FAILED when the job did not complete; completion is marked by the report step. */
        JobExecutionListener finisher() {
            return new JobExecutionListener() {
                @Override
                public void afterJob(JobExecution execution) {
                    if (execution.getStatus() != BatchStatus.COMPLETED) {
                        Long runId = execution.getJobParameters().getLong(RUN_ID);
                        runs.finish(runId, AuditRun.FAILED, clock.instant(), null);
                    }
                }
            };
        }

        /**
         * A step of one tasklet call in one transaction; the call runs once more when it lost a deadlock to another
         * run writing the same store (hourly and nightly together).
         */
        private Step step(String name, Tasklet tasklet) {
            DeadlockRetry retry = new DeadlockRetry(transactionManager);
            return new StepBuilder(name, repository).tasklet((contribution, chunk) -> retry.run("step " + name,
                    () -> tasklet.execute(contribution, chunk)), transactionManager).build();
        }

        private static Shard shard(JobParameters params) {
            Long index = params.getLong(SHARD);
            Long count = params.getLong(SHARDS);
            return index == null ? Shard.SINGLE
                    : new Shard(index.intValue(), count.intValue(), params.getString(RUN_KEY));
        }
    }
}
