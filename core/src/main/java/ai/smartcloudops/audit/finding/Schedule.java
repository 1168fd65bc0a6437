package ai.smartcloudops.audit.finding;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The jobs there are: the audits a check takes part in, and the jobs that audit nothing. */
public enum Schedule {
    HOURLY("hourly"), NIGHTLY("nightly"), PRE_MAINTENANCE("pre-maintenance"),
    /** Reads the store and emails the last 7 days; no check takes part in it. */
    WEEKLY_REPORT("weekly-report"),
    /** Re-reads the open findings and escalates the overdue, every few minutes; no check takes part in it. */
    ESCALATE("escalate");

    /** The jobs that audit the estate: every check takes part in some of them, by default all. */
    public static final Set<Schedule> AUDITS = EnumSet.of(HOURLY, NIGHTLY, PRE_MAINTENANCE);

    private final String job;

    Schedule(String job) {
        this.job = job;
    }

    public String job() {
        return job;
    }

    /** Whether a run of this job is an audit: a weekly-report or escalate run finds nothing, is never a previous run. */
    public static boolean audits(String job) {
        return AUDITS.stream().anyMatch(s -> s.job.equals(job));
    }

    /** The jobs that audit nothing, as an SQL parameter ({@code job <> ALL (?)}). */
    public static String[] nonAudits() {
        return Arrays.stream(values()).filter(s -> !AUDITS.contains(s)).map(Schedule::job).toArray(String[]::new);
    }

    public static Schedule ofJob(String job) {
        return Arrays.stream(values()).filter(s -> s.job.equals(job)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job '" + job + "'; valid jobs: "
                        + Arrays.stream(values()).map(Schedule::job).collect(Collectors.joining(", "))));
    }
}
