package ai.smartcloudops.audit.run;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.NotificationEmitter;

/**
 * Ends the process with exit 1 and one line when its heap is exhausted, instead of letting it thrash: an
 * OutOfMemoryError that reaches a thread's end, or an old generation still {@value #FULL_PERCENT}% full after a
 * collection (the state in which a JVM spends minutes in garbage collection before, if ever, it throws). A
 * CronJob then fails at once and its next run starts; HotSpot's own {@code -XX:+ExitOnOutOfMemoryError} would exit
 * with 3, which this product's exit codes reserve for findings.
 */
public final class MemoryGuard {

    static final int FULL_PERCENT = 98;

    private MemoryGuard() {
    }

    /** For the process's lifetime; only the real command line installs it, never a test in the build's JVM. */
    public static void install(PrintStream err) {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            OutOfMemoryError oom = outOfMemory(error);
            if (oom != null) {
                halt(err, "out of memory in thread " + thread.getName() + " (" + oom.getMessage() + ")");
            } else if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                // what the JVM prints without a handler (its thread group would call this handler again)
                err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace(err);
            }
        });
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0
                    && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                pool.setCollectionUsageThreshold(max / 100 * FULL_PERCENT);
            }
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((notification, h) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                halt(err, "out of memory (the heap is still " + FULL_PERCENT + "% full after garbage collection)");
            }
        }, null, null);
    }

    /**
     * Rethrows an OutOfMemoryError that a pool or a framework caught (also as the cause of another exception), so it
     * ends the process rather than becoming a finding or a message.
     */
    public static void rethrowIfOutOfMemory(Throwable error) {
        OutOfMemoryError oom = outOfMemory(error);
        if (oom != null) {
            throw oom;
        }
    }

    /** The OutOfMemoryError in a chain of causes (the launcher wraps what main throws), or null. */
    private static OutOfMemoryError outOfMemory(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /** One line, once: a second thread running out at the same moment waits here for the halt. */
    private static synchronized void halt(PrintStream err, String why) {
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        err.println("health-audit: " + why + " with a maximum heap of " + maxMb + " MB: stopping (exit "
                + ExitCodes.FAILED + "); give the JVM more memory (-Xmx, or the pod's limit) or audit fewer targets "
                + "at once (health-audit.sweep.parallelism)");
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.FAILED);
    }
}
