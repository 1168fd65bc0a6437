package ai.smartcloudops.audit.schedule;

import ai.smartcloudops.audit.run.AuditRequest;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Makes the triggers in the shared job store match this replica's configuration when it starts: a new or changed
 * cron expression is written, a job no longer scheduled is unscheduled, an unchanged trigger is kept (so a nightly
 * missed while every replica was down still fires once).
 */
@Component
@Profile("serve")
public class ServeSchedules {

    static final String JOBS = "audit";
    static final String CRON = "schedule";
    static final String ON_DEMAND = "on-demand";

    private final Scheduler scheduler;
    private final ServeProperties properties;

    public ServeSchedules(Scheduler scheduler, ServeProperties properties) throws SchedulerException {
        this.scheduler = scheduler;
        this.properties = properties;
        apply();
    }

    /** The durable JobDetail of an audit job; cron and on-demand triggers both fire it. */
    static JobKey jobKey(String job) {
        return JobKey.jobKey(job, JOBS);
    }

    static JobDetail jobDetail(String job) {
        return JobBuilder.newJob(AuditJob.class).withIdentity(jobKey(job)).usingJobData(AuditRequest.JOB, job)
                .storeDurably().build();
    }

    private void apply() throws SchedulerException {
        TimeZone zone = TimeZone.getTimeZone(properties.zone());
        Map<JobDetail, Set<? extends Trigger>> changed = new LinkedHashMap<>();
        for (Map.Entry<String, String> schedule : properties.schedules().entrySet()) {
            String job = schedule.getKey();
            TriggerKey key = TriggerKey.triggerKey(job, CRON);
            if (scheduler.getTrigger(key) instanceof CronTrigger current
                    && current.getCronExpression().equals(schedule.getValue())
                    && current.getTimeZone().getID().equals(zone.getID())) {
                continue;
            }
            CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(schedule.getValue()).inTimeZone(zone);
            // a missed nightly or weekly report runs once when a replica is back; the next hour covers an hourly
            cron = job.equals("hourly") ? cron.withMisfireHandlingInstructionDoNothing()
                    : cron.withMisfireHandlingInstructionFireAndProceed();
            changed.put(jobDetail(job), Set.of(TriggerBuilder.newTrigger().withIdentity(key).forJob(jobKey(job))
                    .withSchedule(cron).build()));
        }
        if (!changed.isEmpty()) {
            scheduler.scheduleJobs(changed, true);
        }
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(CRON))) {
            if (!properties.schedules().containsKey(key.getName())) {
                scheduler.unscheduleJob(key);
            }
        }
        // on-demand triggers need the JobDetail of every audit job, scheduled or not
        for (String job : AuditRequest.JOBS) {
            if (!scheduler.checkExists(jobKey(job))) {
                try {
                    scheduler.addJob(jobDetail(job), false);
                } catch (ObjectAlreadyExistsException e) {
                    // a replica starting beside this one on a new store added it between the check and here
                }
            }
        }
    }

    /**
     * Hands a stored run to the cluster: a one-shot trigger of its job's JobDetail, so it waits for a running
     * execution of the same job and survives in the store if this replica dies before it fires.
     */
    public void fireNow(long runId, AuditRequest request) throws SchedulerException {
        scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity("run-" + runId, ON_DEMAND)
                .forJob(jobKey(request.job()))
                .usingJobData(new JobDataMap(request.toJobData(runId)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .startNow().build());
    }

    /**
     * On-demand runs waiting or running, across the replicas: a fired trigger of the JDBC store stays until its job
     * has completed.
     */
    public int onDemandRuns() throws SchedulerException {
        return scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(ON_DEMAND)).size();
    }

    /** The next fire time of each scheduled job, for the start-up line. */
    public Map<String, Date> nextFireTimes() throws SchedulerException {
        Map<String, Date> next = new LinkedHashMap<>();
        for (String job : properties.schedules().keySet()) {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(job, CRON));
            next.put(job, trigger == null ? null : trigger.getNextFireTime());
        }
        return next;
    }
}
