package ai.smartcloudops.audit.finding;

import ai.smartcloudops.audit.text.Labels;

/** What a (check, target) did in a run; {@link #toString()} is the word stored in check_execution and shown. */
public enum CoverageStatus {

    /** Ran in full: it saw all it reads. */
    RAN("ran"),
    /** A permission hid part of what it reads. */
    PARTIAL("partial"),
    /** Had nothing to read: the part of the configuration it needs is absent. */
    NOT_CONFIGURED("not configured"),
    SKIPPED("skipped"),
    ERROR("error"),
    TIMEOUT("timeout");

    private final String label;

    CoverageStatus(String label) {
        this.label = label;
    }

    public static CoverageStatus of(String label) {
        return Labels.parse(CoverageStatus.class, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
