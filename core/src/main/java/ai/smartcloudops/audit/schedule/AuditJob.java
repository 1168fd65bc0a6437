package ai.smartcloudops.audit.schedule;

import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.run.AuditRequest;
import ai.smartcloudops.audit.run.AuditService;
import ai.smartcloudops.audit.run.RunStore;
import java.time.Clock;
import java.util.Set;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit job fired by Quartz: a cron trigger starts a new run; an on-demand trigger carries the id of a run
 * the API already stored. One JobDetail per audit job and no concurrent executions of it, across the cluster.
 */
@DisallowConcurrentExecution
public class AuditJob implements Job {

    /** The trigger of a run that a cron trigger started. */
    static final String SCHEDULE = "schedule";

    private static final Logger LOG = LoggerFactory.getLogger(AuditJob.class);

    private final AuditService audits;
    private final RunStore runs;
    private final AuditProperties properties;
    private final AuditMetrics metrics;
    private final Clock clock;

    public AuditJob(AuditService audits, RunStore runs, AuditProperties properties, AuditMetrics metrics,
                    Clock clock) {
        this.audits = audits;
        this.runs = runs;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String job = data.getString(AuditRequest.JOB);
        long runId;
        AuditRequest request;
        if (data.containsKey(AuditRequest.RUN_ID)) {
            runId = data.getLong(AuditRequest.RUN_ID);
            request = AuditRequest.fromJobData(data, properties.out());
        } else {
            request = new AuditRequest(job, SCHEDULE, Set.of(), null, properties.out());
            runId = audits.create(request);
            // the fire time this run belongs to: two runs for one fire time would be a cluster fault
            runs.note(runId, "scheduled=" + context.getScheduledFireTime().toInstant());
        }
        // read by a stopping replica to fail the runs it cannot finish
        context.put(AuditRequest.RUN_ID, runId);
        try {
            AuditService.Outcome outcome = audits.launch(runId, request);
            metrics.record(job, outcome);
            LOG.info("run {} ({}) {}", runId, job, outcome.completed() ? "completed" : "failed: " + outcome.failure());
        } catch (Exception e) {
            runs.finish(runId, RunStatus.FAILED, clock.instant(), null);
            metrics.failed(job);
            LOG.error("run {} ({}) could not start: {}", runId, job, e.getMessage());
        }
    }
}
