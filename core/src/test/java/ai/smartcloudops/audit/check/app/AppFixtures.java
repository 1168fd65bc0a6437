package ai.smartcloudops.audit.check.app;

import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.finding.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Services built in a line, and checks run over every target of one run as the sweep would. */
final class AppFixtures {

    private AppFixtures() {
    }

    /** A service with its URLs as name, url, name, url, ... */
    static AppProperties.Service service(String name, Duration latency, String... nameThenUrl) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (int i = 0; i < nameThenUrl.length; i += 2) {
            urls.put(nameThenUrl[i], nameThenUrl[i + 1]);
        }
        return new AppProperties.Service(name, null, urls, null, latency, null, null);
    }

    static AppTargets targets(Duration timeout, AppProperties.Service... services) {
        return new AppTargets(new AppProperties(List.of(services), timeout, timeout, null));
    }

    /** Every check on every target in one run (one probe of every URL), findings in order. */
    static List<Finding> run(AppTargets targets, Check... checks) throws Exception {
        RunScope scope = RunScope.first(1L, Instant.now());
        List<Finding> findings = new ArrayList<>();
        for (Target target : targets.targets()) {
            for (Check check : checks) {
                findings.addAll((new CheckContext(scope, check.id(), target, Set.of(check.id()))).findings(check));
            }
        }
        return findings;
    }
}
