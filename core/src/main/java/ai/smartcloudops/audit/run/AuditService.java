package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.check.CheckRegistry;
import ai.smartcloudops.audit.check.FindingCatalogue;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.AuditRun;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.notify.Outbox;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.store.DeadlockRetry;
import ai.smartcloudops.audit.store.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

/** Starts an audit job for one run and reports what it found. */
@Service
public class AuditService {

    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
    /** How often a job whose creation PostgreSQL could not serialize is started. */
    private static final int START_ATTEMPTS = 3;

    /** The exit description of an execution a process left unfinished, ended by a restart. */
    private static final String ENDED = "ended by a restart: the process that ran it is gone";

    private final Map<String, Job> jobs;
    private final JobOperator operator;
    private final JobRepository repository;
    private final RunStore runs;
    private final Outbox outbox;
    private final ReportModelFactory models;
    private final CheckRegistry registry;
    private final FindingCatalogue catalogue;
    private final AuditProperties properties;
    private final Clock clock;

    public AuditService(List<Job> jobs, JobOperator operator, JobRepository repository, RunStore runs,
                        Outbox outbox, ReportModelFactory models, CheckRegistry registry, FindingCatalogue catalogue,
                        AuditProperties properties, Clock clock) {
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
        if (!this.jobs.keySet().equals(AuditRequest.JOBS)) {
            throw new IllegalStateException("the job beans " + new TreeSet<>(this.jobs.keySet())
                    + " are not the jobs a request may name " + AuditRequest.JOBS);
        }
        this.operator = operator;
        this.repository = repository;
        this.runs = runs;
        this.outbox = outbox;
        this.models = models;
        this.registry = registry;
        this.catalogue = catalogue;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The run's id, whether its job completed, the failure when it did not, and its report model; message is the
     * weekly-report job's one-line result, or a shard's when the run waits for other shards (null otherwise).
     */
    public record Outcome(long runId, boolean completed, String failure, ReportModel report, Path reportDir,
                          String message) {
        public Outcome(long runId, boolean completed, String failure, ReportModel report, Path reportDir) {
            this(runId, completed, failure, report, reportDir, null);
        }

        /** A shard that stored its sweep while other shards still sweep: the last one reports the run. */
        public boolean waiting() {
            return completed && report.run().status() == RunStatus.RUNNING;
        }
    }

    public Set<String> targetNames() {
        return registry.all().stream().flatMap(c -> c.targets().stream()).map(Target::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Refuses a target that is not configured, and a configured code the catalogue does not have (a misspelt
     * override or waiver would otherwise change nothing, silently); the request checked the rest when it was made.
     */
    private void validate(AuditRequest request) {
        if (request.target() != null && !targetNames().contains(request.target())) {
            throw new UsageException("unknown target '" + request.target() + "'; configured targets: "
                    + (targetNames().isEmpty() ? "none" : String.join(", ", targetNames())));
        }
        properties.severityOverrides().keySet().stream().sorted().forEach(code -> catalogue.unknown(code, false)
                .ifPresent(why -> refuse("health-audit.severity-overrides[" + code + "]", why)));
        for (int i = 0; i < properties.waivers().size(); i++) {
            String key = "health-audit.waivers[" + i + "].code";
            catalogue.unknown(properties.waivers().get(i).code(), true).ifPresent(why -> refuse(key, why));
        }
    }

    private static void refuse(String key, String why) {
        throw new UsageException("key '" + key + "': " + why);
    }

    /**
     * Continues a run that failed or was killed: every shard whose job did not complete restarts from the step that
     * did not complete, with its original parameters (its report directory too); a killed execution is first marked
     * failed; a shard of a fleet run whose pod never started is started now.
     */
    public Outcome restart(long runId) throws Exception {
        AuditRun run = runs.find(runId).orElseThrow(() -> new UsageException("no run with id " + runId));
        if (run.status() == RunStatus.COMPLETED) {
            throw new UsageException("run " + runId + " already completed; nothing to restart");
        }
        List<JobExecution> last = new ArrayList<>();
        for (int index = 0; index < run.shards(); index++) {
            last.add(lastExecution(run.job(), runId, index));
        }
        AuditRequest started = AuditRequest.of(run, last.stream().filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new UsageException("run " + runId + " never started its job; start a new run "
                        + "instead"))
                .getJobParameters());
        Outcome outcome = null;
        for (int index = 0; index < run.shards(); index++) {
            JobExecution execution = last.get(index);
            if (execution == null) {
                // a shard whose pod never ran: its job, with the request its siblings started with
                outcome = launch(runId, new AuditRequest(started.job(), started.trigger(), started.areas(),
                        started.target(), started.out(), new Shard(index, run.shards(), run.runKey()),
                        started.window()));
            } else if (execution.getStatus() != BatchStatus.COMPLETED) {
                outcome = outcome(runId, () -> resume(execution),
                        AuditRequest.of(run, execution.getJobParameters()).out());
            }
        }
        if (outcome == null) {
            throw new UsageException("every shard of run " + runId + " completed its job; nothing to restart");
        }
        return outcome;
    }

    /**
     * Runs the request's job: a single process creates its run; a shard creates or joins the run of its run key and,
     * when its pod is retried, continues its own job where it stopped (or, when it completed, only reports).
     */
    public Outcome run(AuditRequest request) throws Exception {
        Shard shard = request.shard();
        if (shard.runKey() == null) {
            return launch(create(request), request);
        }
        validate(request);
        long runId = runs.join(request.job(), request.trigger(), clock.instant(), options(request), shard);
        JobExecution last = lastExecution(request.job(), runId, shard.index());
        if (last == null) {
            return launch(runId, request);
        }
        return outcome(runId, () -> last.getStatus() == BatchStatus.COMPLETED ? last : resume(last), request.out());
    }

    /**
     * Restarts a job from the step that did not complete. Every execution of its job instance that a process which
     * is gone left unfinished (STARTING, STARTED, STOPPING, or UNKNOWN when it lost the store while writing its
     * status) is ended first, else Spring Batch refuses the restart as already running or unsafe.
     */
    private JobExecution resume(JobExecution last) throws Exception {
        for (JobExecution execution : repository.getJobExecutions(last.getJobInstance())) {
            if (unfinished(execution.getStatus())) {
                end(execution);
            }
        }
        return operator.restart(last);
    }

    private static boolean unfinished(BatchStatus status) {
        return status.isRunning() || status == BatchStatus.UNKNOWN;
    }

    /**
     * Marks an unfinished execution FAILED and each of its unfinished steps by what the store holds: a step that
     * committed its chunk (every step is one tasklet call, committed with its step execution) stored its work, so it
     * is COMPLETED and does not run again; any other is FAILED and runs again on restart. The notifications it had
     * claimed go back to pending.
     */
    private void end(JobExecution execution) {
        // in the zone Spring Batch writes its own times in
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault());
        for (StepExecution step : execution.getStepExecutions()) {
            if (unfinished(step.getStatus())) {
                if (step.getCommitCount() == 0) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED.addExitDescription(ENDED));
                } else {
                    step.setStatus(BatchStatus.COMPLETED);
                    // an exit code the step chose (the join's WAITING) steers the flow on restart: it stays
                    String code = step.getExitStatus().getExitCode();
                    if (code.equals(ExitStatus.EXECUTING.getExitCode())
                            || code.equals(ExitStatus.UNKNOWN.getExitCode())) {
                        step.setExitStatus(ExitStatus.COMPLETED);
                    }
                }
                step.setEndTime(now);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription(ENDED));
        execution.setEndTime(now);
        repository.update(execution);
        // what it was sending when it died is sent again by the restart, not after the abandoned-claim timeout
        outbox.release(execution.getId());
    }

    /** Validates the request and stores its run, so the run has an id before its job starts. */
    public long create(AuditRequest request) {
        validate(request);
        return runs.create(request.job(), request.trigger(), clock.instant(), options(request));
    }

    /** Runs the job of a run that {@link #create} (or a shard's join) stored; returns when the job has ended. */
    public Outcome launch(long runId, AuditRequest request) throws Exception {
        return outcome(runId, () -> start(jobs.get(request.job()), request.toJobParameters(runId)), request.out());
    }

    /**
     * Starts the job. Shards starting at one moment create their job instances at once, and PostgreSQL may refuse to
     * serialize one of those creations (40001): it created nothing, so the shard starts again instead of failing.
     */
    private JobExecution start(Job job, JobParameters params) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return operator.start(job, params);
            } catch (RuntimeException e) {
                if (attempt == START_ATTEMPTS || !DeadlockRetry.retried(e)
                        || repository.getLastJobExecution(job.getName(), params) != null) {
                    throw e;
                }
                LOG.info("{} could not be created beside another run's; starting it again", job.getName());
            }
        }
    }

    private static String options(AuditRequest request) {
        return "areas=" + Area.join(request.areas()) + " target=" + (request.target() == null ? "" : request.target());
    }

    /** The shard's last job execution; runs stored before shards existed are found by their run id alone. */
    private JobExecution lastExecution(String job, long runId, int shard) {
        JobExecution last = repository.getLastJobExecution(job, AuditRequest.identity(runId, shard));
        return last != null || shard != 0 ? last : repository.getLastJobExecution(job,
                new JobParametersBuilder().addLong(AuditRequest.RUN_ID, runId).toJobParameters());
    }

    /** The job of one run (started, resumed or already completed) to its end, as an outcome. */
    private interface RunJob {
        JobExecution execute() throws Exception;
    }

    /**
     * Runs the job and reads its outcome from the store; a store that went away on the way is one line naming the run
     * and how to finish it, not the job's failure (which could not be stored) or a stack trace.
     */
    private Outcome outcome(long runId, RunJob job, Path out) throws Exception {
        try {
            JobExecution execution = job.execute();
            boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
            String failure = completed ? null : execution.getStepExecutions().stream()
                    .filter(step -> !step.getFailureExceptions().isEmpty())
                    .map(step -> "step " + step.getStepName() + " failed: "
                            + Errors.describe(step.getFailureExceptions().get(0)))
                    .findFirst()
                    .orElse(execution.getAllFailureExceptions().stream().map(Errors::describe).findFirst()
                            .orElse(execution.getExitStatus().getExitDescription()));
            Optional<Throwable> storeLost = execution.getAllFailureExceptions().stream()
                    .filter(StoreUnavailableException::lost).findFirst();
            if (!completed && storeLost.isPresent()) {
                throw lost(runId, storeLost.get());
            }
            String message = execution.getExecutionContext().containsKey(AuditJobConfiguration.MESSAGE)
                    ? execution.getExecutionContext().getString(AuditJobConfiguration.MESSAGE) : null;
            return new Outcome(runId, completed, failure, models.build(runId), out.resolve(String.valueOf(runId)),
                    message);
        } catch (RuntimeException e) {
            if (e instanceof StoreUnavailableException || !StoreUnavailableException.lost(e)) {
                throw e;
            }
            throw lost(runId, e);
        }
    }

    private static StoreUnavailableException lost(long runId, Throwable cause) {
        return new StoreUnavailableException("lost the store during run " + runId + ": " + Errors.describe(cause)
                + "; once it is back, finish the run with: health-audit run --restart " + runId, cause);
    }
}
