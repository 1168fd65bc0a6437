package ai.smartcloudops.audit.schedule;

import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.run.AuditRequest;
import ai.smartcloudops.audit.run.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM, before the context closes the store: take no new trigger, wait up to the shutdown grace for the
 * running audits, and mark those still running FAILED, so the store tells the truth and `run --restart` can
 * continue them.
 */
@Component
@Profile("serve")
class ServeShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(ServeShutdown.class);

    private final Scheduler scheduler;
    private final ServeProperties properties;
    private final RunStore runs;
    private final Clock clock;

    ServeShutdown(Scheduler scheduler, ServeProperties properties, RunStore runs, Clock clock) {
        this.scheduler = scheduler;
        this.properties = properties;
        this.runs = runs;
        this.clock = clock;
    }

    @EventListener(ContextClosedEvent.class)
    void drain() throws SchedulerException, InterruptedException {
        scheduler.standby();
        Instant deadline = clock.instant().plus(properties.shutdownGrace());
        List<JobExecutionContext> running = scheduler.getCurrentlyExecutingJobs();
        while (!running.isEmpty() && clock.instant().isBefore(deadline)) {
            Thread.sleep(200);
            running = scheduler.getCurrentlyExecutingJobs();
        }
        for (JobExecutionContext job : running) {
            if (job.get(AuditRequest.RUN_ID) instanceof Long runId) {
                runs.finish(runId, RunStatus.FAILED, clock.instant(), null);
                LOG.warn("run {} interrupted by shutdown; continue it with: health-audit run --restart {}",
                        runId, runId);
            }
        }
        // now, while the store is still up: the context would close the store before the scheduler
        scheduler.shutdown(false);
    }
}
