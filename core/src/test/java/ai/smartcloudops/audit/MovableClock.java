package ai.smartcloudops.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves on: from the system's time or from a fixed instant, plus however far it was advanced. */
public final class MovableClock extends Clock {

    private final Instant start;
    private volatile Duration offset = Duration.ZERO;

    private MovableClock(Instant start) {
        this.start = start;
    }

    /** The system's time, plus the advances. */
    public static MovableClock system() {
        return new MovableClock(null);
    }

    /** {@code start}, plus the advances: time stands still between them. */
    public static MovableClock at(Instant start) {
        return new MovableClock(start);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (start == null ? Instant.now() : start).plus(offset);
    }
}
