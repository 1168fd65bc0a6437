package ai.smartcloudops.audit.finding;

/** Where a run is; {@link #toString()} is the word stored in audit_run and shown in the reports. */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED
}
