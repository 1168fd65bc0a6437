package ai.smartcloudops.audit.check;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The jobs a check takes part in. */
public enum Schedule {
    HOURLY("hourly"), NIGHTLY("nightly"), PRE_MAINTENANCE("pre-maintenance");

    private final String job;

    Schedule(String job) {
        this.job = job;
    }

    public String job() {
        return job;
    }

    public static Schedule ofJob(String job) {
        return Arrays.stream(values()).filter(s -> s.job.equals(job)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job '" + job + "'; valid jobs: "
                        + Arrays.stream(values()).map(Schedule::job).collect(Collectors.joining(", "))));
    }
}
