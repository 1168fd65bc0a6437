package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Health URLs that fail or answer an unexpected status. Some of a service's URLs down is APP-101 on each of them
 * (P1); all of them down is one APP-102 on the service (P0) and no APP-101: one outage makes one page, its
 * evidence names every URL and why it failed, and when part of the service comes back APP-102 resolves and
 * the URLs still down appear as new APP-101s.
 */
@Component
public class AvailabilityCheck extends AppCheck {

    static final String ID = "app.availability";


    public AvailabilityCheck(AppTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AppSnapshot snapshot) {
        AppProperties.Service service = snapshot.service();
        List<Probe> probes = snapshot.probes();
        List<Probe> down = probes.stream().filter(p -> !p.up()).toList();
        if (down.isEmpty()) {
            return List.of();
        }
        if (down.size() == probes.size()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("total", probes.size());
            facts.put("failures", down.stream().map(p -> p.endpoint().name() + " " + p.url() + ": " + p.failure())
                    .collect(Collectors.joining("; ")));
            facts.put("url", down.get(0).url());
            facts.put("namespace", service.namespace());
            return List.of(Problem.of(AppCode.APP_102, AppTargets.resource(service), facts));
        }
        long up = probes.size() - down.size();
        return down.stream().map(p -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("url", p.url());
            facts.put("failure", p.failure());
            facts.put("elapsed", Humanize.duration(p.latency()));
            facts.put("up", up);
            facts.put("total", probes.size());
            facts.put("namespace", service.namespace());
            return Problem.of(AppCode.APP_101, AppTargets.resource(p.endpoint()), facts);
        }).toList();
    }
}
