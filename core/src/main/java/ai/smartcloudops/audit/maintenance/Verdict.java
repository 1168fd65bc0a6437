package ai.smartcloudops.audit.maintenance;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A pre-maintenance run's verdict: GO when every gate passed, NO-GO otherwise. */
public record Verdict(MaintenanceWindow window, List<Gate> gates) {

    public Verdict {
        Objects.requireNonNull(window, "verdict window");
        gates = List.copyOf(gates);
        if (gates.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one gate");
        }
    }

    public boolean go() {
        return gates.stream().allMatch(Gate::passed);
    }

    /** GO or NO-GO. */
    public String result() {
        return go() ? "GO" : "NO-GO";
    }

    /** The failing gates first (what blocks the maintenance), each group in evaluation order. */
    public List<Gate> failingFirst() {
        return gates.stream().sorted(Comparator.comparing(Gate::passed)).toList();
    }
}
