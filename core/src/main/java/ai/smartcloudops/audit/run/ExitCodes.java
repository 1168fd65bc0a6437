package ai.smartcloudops.audit.run;

/** The command line's exit codes (ARCHITECTURE.md). */
public final class ExitCodes {

    /** The audit completed and found nothing at or above --fail-on. */
    public static final int OK = 0;
    /** The audit could not complete: store unreachable, job failed. */
    public static final int FAILED = 1;
    /** Usage or configuration error. */
    public static final int USAGE = 2;
    /** Findings at or above --fail-on (pre-maintenance: NO-GO). */
    public static final int FINDINGS = 3;

    private ExitCodes() {
    }
}
