package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The window of events a target's read covers: from where the previous run's read of the same events ended (a sample
 * of the target remembers it) to this run's start, in whole minutes and kept within bounds, so every minute is
 * judged once whichever job ran, and a long pause is not judged as one huge window. A read remembers its end only
 * once it succeeded ({@link #remember}), so a failed read leaves the next window covering it.
 *
 * @param end         the run's start to the minute
 * @param length      a whole number of minutes
 * @param description the window as findings say it, e.g. "since the previous run at 2026-05-01T11:00:00Z"
 */
public record ReadWindow(Instant end, Duration length, String description) {

    /** The window of a first read, and the bounds of any other. */
    public static final Duration FIRST = Duration.ofHours(1);
    public static final Duration SHORTEST = Duration.ofMinutes(5);
    public static final Duration LONGEST = Duration.ofHours(24);

    public Instant start() {
        return end.minus(length);
    }

    /** The window of the events the sample {@code readUntil} of the context's target tracks. */
    public static ReadWindow of(CheckContext context, String readUntil) {
        Instant end = context.now().truncatedTo(ChronoUnit.MINUTES);
        Optional<Sample> previous = context.previousSample(readUntil);
        if (previous.isEmpty() || !Double.isFinite(previous.get().value())) {
            return new ReadWindow(end, FIRST, "in the last " + Humanize.duration(FIRST) + " (no earlier run read it)");
        }
        Instant since = Instant.ofEpochSecond((long) previous.get().value());
        Duration length = Duration.between(since, end);
        if (length.compareTo(SHORTEST) < 0) {
            return new ReadWindow(end, SHORTEST, "in the last " + Humanize.duration(SHORTEST) + " (the previous run, "
                    + "at " + since + ", is closer)");
        }
        if (length.compareTo(LONGEST) > 0) {
            return new ReadWindow(end, LONGEST, "in the last " + Humanize.duration(LONGEST) + " (the previous run, at "
                    + since + ", is longer ago)");
        }
        return new ReadWindow(end, length, "since the previous run at " + since);
    }

    /** Records that the events up to this window's end were read, for the next run's window. */
    public void remember(CheckContext context, String readUntil) {
        context.record(readUntil, end.getEpochSecond());
    }
}
