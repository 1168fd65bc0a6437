package ai.smartcloudops.audit.net;

import java.time.Duration;

/** Timeouts as a configuration writes them: {@code 10s}, or {@code 250ms} below a whole second. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
