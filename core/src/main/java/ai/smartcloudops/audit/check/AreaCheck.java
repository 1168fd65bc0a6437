package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import java.util.List;
import java.util.function.Supplier;

/** What every check of an area shares: its id, its area's code enum, and where its targets come from. */
public abstract class AreaCheck implements Check {

    private final String id;
    private final List<FindingCode> areaCodes;
    private final Supplier<List<Target>> targets;

    /** A check of the area of {@code codes}, the code enum that area declares. */
    protected <C extends Enum<C> & FindingCode> AreaCheck(String id, Class<C> codes,
                                                          Supplier<List<Target>> targets) {
        this.id = id;
        this.areaCodes = List.of(codes.getEnumConstants());
        this.targets = targets;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Area area() {
        return areaCodes.get(0).area();
    }

    @Override
    public final List<FindingCode> areaCodes() {
        return areaCodes;
    }

    @Override
    public final List<Target> targets() {
        return targets.get();
    }
}
