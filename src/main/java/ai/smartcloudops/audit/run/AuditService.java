package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.CheckRegistry;
import ai.smartcloudops.audit.check.Schedule;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportModelFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/** Starts an audit job for one run and reports what it found. */
@Service
public class AuditService {

    private final Map<String, Job> jobs;
    private final JobOperator operator;
    private final JobRepository repository;
    private final RunStore runs;
    private final ReportModelFactory models;
    private final CheckRegistry registry;
    private final Clock clock;

    public AuditService(List<Job> jobs, JobOperator operator, JobRepository repository, RunStore runs,
                        ReportModelFactory models, CheckRegistry registry, Clock clock) {
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
        this.operator = operator;
        this.repository = repository;
        this.runs = runs;
        this.models = models;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param areas  only these areas; empty for all
     * @param target only this target name; null for all
     * @param window the maintenance window: required by the pre-maintenance job, refused by the others
     */
    public record Request(String job, String trigger, Set<Area> areas, String target, Path out,
                          MaintenanceWindow window) {
        public Request(String job, String trigger, Set<Area> areas, String target, Path out) {
            this(job, trigger, areas, target, out, null);
        }
    }

    /**
     * The run's id, whether its job completed, the failure when it did not, and its report model; message is the
     * weekly-report job's one-line result (null for audit jobs).
     */
    public record Outcome(long runId, boolean completed, String failure, ReportModel report, Path reportDir,
                          String message) {
        public Outcome(long runId, boolean completed, String failure, ReportModel report, Path reportDir) {
            this(runId, completed, failure, report, reportDir, null);
        }
    }

    public Set<String> jobNames() {
        return new TreeSet<>(jobs.keySet());
    }

    public Set<String> targetNames() {
        return registry.all().stream().flatMap(c -> c.targets().stream()).map(Target::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Validates the request against the configured jobs and targets; the message names the valid values. */
    public void validate(Request request) {
        if (!jobs.containsKey(request.job())) {
            throw new IllegalArgumentException("unknown job '" + request.job() + "'; valid jobs: "
                    + String.join(", ", jobNames()));
        }
        checkMaintenance(request.job(), request.window(), request.areas(), request.target());
        if (request.target() != null && !targetNames().contains(request.target())) {
            throw new IllegalArgumentException("unknown target '" + request.target() + "'; configured targets: "
                    + (targetNames().isEmpty() ? "none" : String.join(", ", targetNames())));
        }
    }

    /**
     * The pre-maintenance job needs a maintenance window and every area and target (a gate whose area was left
     * out would read "n/a" and pass unseen); every other job refuses a window.
     */
    public static void checkMaintenance(String job, MaintenanceWindow window, Set<Area> areas, String target) {
        boolean maintenance = Schedule.PRE_MAINTENANCE.job().equals(job);
        if (maintenance && (!areas.isEmpty() || target != null)) {
            throw new IllegalArgumentException("--only and --target are not for the pre-maintenance job: its gates "
                    + "need every check on every target");
        }
        if (maintenance && window == null) {
            throw new IllegalArgumentException("--window is required for the pre-maintenance job: START/DURATION, "
                    + "e.g. 2026-12-01T22:00Z/4h");
        }
        if (!maintenance && window != null) {
            throw new IllegalArgumentException("--window is only for the pre-maintenance job, not " + job);
        }
    }

    /**
     * Continues a run that failed or was killed: a killed execution is first marked failed, then the job restarts
     * from the step that did not complete, with the run's original parameters (its report directory too).
     */
    public Outcome restart(long runId) throws Exception {
        RunStore.AuditRun run = runs.find(runId)
                .orElseThrow(() -> new IllegalArgumentException("no run with id " + runId));
        if (RunStore.COMPLETED.equals(run.status())) {
            throw new IllegalArgumentException("run " + runId + " already completed; nothing to restart");
        }
        JobExecution last = repository.getLastJobExecution(run.job(), new JobParametersBuilder()
                .addLong(AuditJobConfiguration.RUN_ID, runId).toJobParameters());
        if (last == null) {
            throw new IllegalArgumentException("run " + runId + " never started its job; start a new run instead");
        }
        if (last.getStatus().isRunning()) {
            last = operator.recover(last);
        }
        JobExecution execution = operator.restart(last);
        Path out = Path.of(execution.getJobParameters().getString(AuditJobConfiguration.OUT));
        return outcome(runId, execution, out);
    }

    public Outcome run(Request request) throws Exception {
        validate(request);
        String options = "areas=" + request.areas().stream().map(Area::id).sorted().collect(Collectors.joining(","))
                + " target=" + (request.target() == null ? "" : request.target());
        long runId = runs.create(request.job(), request.trigger(), clock.instant(), options);
        JobParametersBuilder params = new JobParametersBuilder()
                .addLong(AuditJobConfiguration.RUN_ID, runId)
                .addString(AuditJobConfiguration.OUT, request.out().toString(), false)
                .addString(AuditJobConfiguration.AREAS,
                        request.areas().stream().map(Area::id).collect(Collectors.joining(",")), false);
        if (request.target() != null) {
            params.addString(AuditJobConfiguration.TARGET, request.target(), false);
        }
        if (request.window() != null) {
            params.addString(AuditJobConfiguration.WINDOW, request.window().toString(), false);
        }
        JobExecution execution = operator.start(jobs.get(request.job()), params.toJobParameters());
        return outcome(runId, execution, request.out());
    }

    private Outcome outcome(long runId, JobExecution execution, Path out) {
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        String failure = completed ? null : execution.getStepExecutions().stream()
                .filter(step -> !step.getFailureExceptions().isEmpty())
                .map(step -> "step " + step.getStepName() + " failed: "
                        + Errors.describe(step.getFailureExceptions().get(0)))
                .findFirst()
                .orElse(execution.getAllFailureExceptions().stream().map(Errors::describe).findFirst()
                        .orElse(execution.getExitStatus().getExitDescription()));
        String message = execution.getExecutionContext().containsKey(AuditJobConfiguration.MESSAGE)
                ? execution.getExecutionContext().getString(AuditJobConfiguration.MESSAGE) : null;
        return new Outcome(runId, completed, failure, models.build(runId), out.resolve(String.valueOf(runId)),
                message);
    }
}
