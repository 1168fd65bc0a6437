package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.AuditRun;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * One audit to run. It travels as the parameters of its Spring Batch job and, for a run started on demand, as the job
 * data of the Quartz trigger that starts it; this record is the one place that names their keys.
 *
 * @param trigger what started the run (cli, demo, api, schedule), stored with it
 * @param areas   only these areas; empty for all
 * @param target  only this target name; null for all
 * @param out     the report directory, under which the run's reports go to {@code <run-id>/}
 * @param shard   this process's share of the run ({@link Shard#SINGLE}: all of it)
 * @param window  the maintenance window: required by the pre-maintenance job, refused by the others
 */
public record AuditRequest(String job, String trigger, Set<Area> areas, String target, Path out, Shard shard,
                           MaintenanceWindow window) {

    /** Every job there is: the audits and the weekly report. */
    public static final Set<String> JOBS = Arrays.stream(Schedule.values()).map(Schedule::job)
            .collect(Collectors.toCollection(TreeSet::new));
    /** The trigger of a run started on demand, through the API. */
    public static final String ON_DEMAND = "api";

    /** Quartz job data: the audit job of a JobDetail. */
    public static final String JOB = "job";
    /** The stored run: a job parameter that, with the shard, identifies the job instance; and Quartz job data. */
    public static final String RUN_ID = "runId";
    static final String SHARD = "shard";
    static final String SHARDS = "shards";
    static final String RUN_KEY = "runKey";
    static final String AREAS = "areas";
    static final String TARGET = "target";
    static final String OUT = "out";
    /** START/DURATION. */
    static final String WINDOW = "window";

    /** The expressions by which step-scoped beans take the job parameters they need. */
    static final String RUN_ID_PARAMETER = "#{jobParameters['" + RUN_ID + "']}";
    static final String OUT_PARAMETER = "#{jobParameters['" + OUT + "']}";
    static final String SHARD_PARAMETER = "#{jobParameters['" + SHARD + "']}";
    static final String SHARDS_PARAMETER = "#{jobParameters['" + SHARDS + "']}";
    static final String RUN_KEY_PARAMETER = "#{jobParameters['" + RUN_KEY + "']}";
    static final String AREAS_PARAMETER = "#{jobParameters['" + AREAS + "']}";
    static final String TARGET_PARAMETER = "#{jobParameters['" + TARGET + "']}";
    static final String WINDOW_PARAMETER = "#{jobParameters['" + WINDOW + "']}";
    /** The name of the job the step belongs to. */
    static final String JOB_NAME = "#{jobName}";

    public AuditRequest {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(shard, "shard");
        areas = areas == null ? Set.of() : Set.copyOf(areas);
        target = target == null || target.isBlank() ? null : target;
        check(job, areas, target, shard, window);
    }

    /** A run of one process, not a pre-maintenance one. */
    public AuditRequest(String job, String trigger, Set<Area> areas, String target, Path out) {
        this(job, trigger, areas, target, out, Shard.SINGLE, null);
    }

    /**
     * What a request may hold, checked before anything starts: a known job; no single target in a sharded run; the
     * pre-maintenance job with a window and every area and target (a gate whose area was left out would read "n/a"
     * and pass unseen), every other job without a window.
     */
    public static void check(String job, Set<Area> areas, String target, Shard shard, MaintenanceWindow window) {
        if (!JOBS.contains(job)) {
            throw new UsageException("unknown job '" + job + "'; valid jobs: " + String.join(", ", JOBS));
        }
        if (target != null && !shard.single()) {
            throw new UsageException("--target cannot be combined with a sharded run (" + Shard.COUNT_ENV + "="
                    + shard.count() + "): each shard audits its share of every target");
        }
        boolean maintenance = Schedule.PRE_MAINTENANCE.job().equals(job);
        if (maintenance && (!areas.isEmpty() || target != null)) {
            throw new UsageException("--only and --target are not for the pre-maintenance job: its gates need every "
                    + "check on every target");
        }
        if (maintenance && window == null) {
            throw new UsageException("--window is required for the pre-maintenance job: START/DURATION, "
                    + "e.g. 2026-12-01T22:00Z/4h");
        }
        if (!maintenance && window != null) {
            throw new UsageException("--window is only for the pre-maintenance job, not " + job);
        }
    }

    /** The areas a user named (--only, the API's areas). */
    public static Set<Area> areas(Collection<String> names) {
        return UsageException.parse(() -> names.stream().map(Area::parse).collect(Collectors.toSet()));
    }

    /** The window a user gave, START/DURATION, which must not have ended at {@code now}; null when none was given. */
    public static MaintenanceWindow window(String text, Instant now) {
        return text == null ? null : UsageException.parse(() -> MaintenanceWindow.parse(text, now));
    }

    /** The parameters of the run's job: the run id and the shard's index identify its job instance. */
    public JobParameters toJobParameters(long runId) {
        JobParametersBuilder params = new JobParametersBuilder(identity(runId, shard.index()))
                .addLong(SHARDS, (long) shard.count(), false)
                .addString(OUT, out.toString(), false)
                .addString(AREAS, Area.join(areas), false);
        if (shard.runKey() != null) {
            params.addString(RUN_KEY, shard.runKey(), false);
        }
        if (target != null) {
            params.addString(TARGET, target, false);
        }
        if (window != null) {
            params.addString(WINDOW, window.toString(), false);
        }
        return params.toJobParameters();
    }

    /** The request a stored run's job was started with ({@link #toJobParameters}). */
    public static AuditRequest of(AuditRun run, JobParameters params) {
        return new AuditRequest(run.job(), run.trigger(), Area.split(params.getString(AREAS)),
                params.getString(TARGET), Path.of(params.getString(OUT)),
                shard(params.getLong(SHARD), params.getLong(SHARDS), params.getString(RUN_KEY)),
                storedWindow(params.getString(WINDOW)));
    }

    /** The identifying parameters of a shard's job instance. */
    static JobParameters identity(long runId, int shard) {
        return new JobParametersBuilder().addLong(RUN_ID, runId).addLong(SHARD, (long) shard).toJobParameters();
    }

    /** The shard the job parameters name; a run stored before shards existed has none and is a single process. */
    static Shard shard(Long index, Long count, String runKey) {
        return index == null ? Shard.SINGLE : new Shard(index.intValue(), count.intValue(), runKey);
    }

    /** The job data of the on-demand trigger that starts the stored run {@code runId}. */
    public Map<String, Object> toJobData(long runId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(JOB, job);
        data.put(RUN_ID, runId);
        data.put(AREAS, Area.join(areas));
        if (target != null) {
            data.put(TARGET, target);
        }
        if (window != null) {
            data.put(WINDOW, window.toString());
        }
        return data;
    }

    /** The request of an on-demand trigger's job data ({@link #toJobData}), reported under this replica's out. */
    public static AuditRequest fromJobData(Map<String, ?> data, Path out) {
        return new AuditRequest((String) data.get(JOB), ON_DEMAND, Area.split((String) data.get(AREAS)),
                (String) data.get(TARGET), out, Shard.SINGLE, storedWindow((String) data.get(WINDOW)));
    }

    /** A window as {@link #toJobParameters} and {@link #toJobData} hold it (it may have ended since); null for none. */
    static MaintenanceWindow storedWindow(String text) {
        return text == null ? null : MaintenanceWindow.parse(text);
    }
}
