package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Health URLs that answer the expected status slower than their service's latency threshold (the guide's 2 s),
 * measured to the response headers. A URL that is down is the availability check's; one that answers later
 * than the read timeout is down, not slow.
 */
@Component
public class LatencyCheck implements Check {

    static final String ID = "app.latency";

    private final AppTargets targets;

    public LatencyCheck(AppTargets targets) {
        this.targets = targets;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Area area() {
        return Area.APP;
    }

    @Override
    public List<Target> targets() {
        return targets.targets();
    }

    @Override
    public List<Finding> run(CheckContext context) {
        AppProperties.Service service = targets.service(context);
        return targets.probes(context).stream()
                .filter(p -> p.up() && p.latency().compareTo(p.endpoint().latency()) > 0)
                .map(p -> {
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("url", p.url());
                    facts.put("latency", AppTargets.format(p.latency()));
                    facts.put("threshold", AppTargets.format(p.endpoint().latency()));
                    facts.put("namespace", service.namespace());
                    return context.finding(AppCode.APP_103, AppTargets.resource(p.endpoint()), facts);
                }).toList();
    }
}
