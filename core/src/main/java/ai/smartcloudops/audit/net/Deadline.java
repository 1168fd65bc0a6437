package ai.smartcloudops.audit.net;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A total deadline for a blocking read over a socket. Socket timeouts bound each read, not the sum of them: a peer
 * sending one byte every two seconds never trips a five-second read timeout. At the deadline the watch runs its
 * action (close the socket or connection), which fails the blocked read at once.
 */
public final class Deadline implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    private Deadline(Duration after, Runnable onExpiry) {
        this.task = TIMER.schedule(() -> {
            expired.set(true);
            onExpiry.run();
        }, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code onExpiry} once {@code after} has passed, unless the deadline is closed first. */
    public static Deadline after(Duration after, Runnable onExpiry) {
        return new Deadline(after, onExpiry);
    }

    /** Whether the deadline passed and its action ran. */
    public boolean expired() {
        return expired.get();
    }

    @Override
    public void close() {
        task.cancel(false);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "read-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
