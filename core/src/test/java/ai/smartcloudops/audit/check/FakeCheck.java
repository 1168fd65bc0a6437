package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import java.util.List;

/** A check whose behaviour the test supplies, for tests of what runs checks (the sweep, the registry). */
public record FakeCheck(String id, Body body, List<Target> targets) implements Check {

    /** What the check does when it runs. */
    public interface Body {
        List<Problem> run(CheckContext context) throws Exception;
    }

    public FakeCheck(String id, Body body) {
        this(id, body, List.of(new Target("prod", "kubernetes-cluster")));
    }

    @Override
    public Area area() {
        return Area.KUBERNETES;
    }

    @Override
    public List<FindingCode> areaCodes() {
        return List.of();
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        return body.run(context);
    }
}
