package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Schedule;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Every check bean, by id. */
@Component
public class CheckRegistry {

    private final List<Check> checks;

    public CheckRegistry(List<Check> checks) {
        this.checks = checks.stream().sorted(Comparator.comparing(Check::id)).toList();
        Map<String, Check> byId = new HashMap<>();
        for (Check check : this.checks) {
            Check other = byId.putIfAbsent(check.id(), check);
            if (other != null) {
                throw new IllegalStateException("two checks share the id " + check.id() + ": "
                        + other.getClass().getName() + " and " + check.getClass().getName());
            }
        }
    }

    public List<Check> all() {
        return checks;
    }

    /** The checks of a schedule, restricted to the given areas when any are given. */
    public List<Check> select(Schedule schedule, Set<Area> areas) {
        return checks.stream()
                .filter(c -> c.schedules().contains(schedule))
                .filter(c -> areas.isEmpty() || areas.contains(c.area()))
                .toList();
    }
}
