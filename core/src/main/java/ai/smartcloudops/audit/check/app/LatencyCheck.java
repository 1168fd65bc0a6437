package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
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
public class LatencyCheck extends AppCheck {

    static final String ID = "app.latency";


    public LatencyCheck(AppTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AppSnapshot snapshot) {
        AppProperties.Service service = snapshot.service();
        return snapshot.probes().stream()
                .filter(p -> p.up() && p.latency().compareTo(p.endpoint().latency()) > 0)
                .map(p -> {
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("url", p.url());
                    facts.put("latency", Humanize.duration(p.latency()));
                    facts.put("threshold", Humanize.duration(p.endpoint().latency()));
                    facts.put("namespace", service.namespace());
                    return Problem.of(AppCode.APP_103, AppTargets.resource(p.endpoint()), facts);
                }).toList();
    }
}
