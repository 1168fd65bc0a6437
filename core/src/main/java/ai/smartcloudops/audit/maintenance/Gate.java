package ai.smartcloudops.audit.maintenance;

/** One line of a pre-maintenance verdict: a gate's name, whether it passed, and the resources it names. */
public record Gate(String name, boolean passed, String detail) {

    public Gate {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("gate name is required");
        }
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("gate '" + name + "' needs a detail");
        }
    }

    /** {@code PASS} or {@code FAIL}. */
    public String result() {
        return passed ? "PASS" : "FAIL";
    }
}
