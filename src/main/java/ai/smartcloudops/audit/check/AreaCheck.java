package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Area;
import java.util.List;
import java.util.function.Supplier;

/** What every check of an area shares: its id, its area, and where its targets come from. */
public abstract class AreaCheck implements Check {

    private final String id;
    private final Area area;
    private final Supplier<List<Target>> targets;

    protected AreaCheck(String id, Area area, Supplier<List<Target>> targets) {
        this.id = id;
        this.area = area;
        this.targets = targets;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Area area() {
        return area;
    }

    @Override
    public final List<Target> targets() {
        return targets.get();
    }
}
