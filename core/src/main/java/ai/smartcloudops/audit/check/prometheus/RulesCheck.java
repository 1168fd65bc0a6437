package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** PROM-104: rules whose last evaluation failed (health {@code err}): the guide's "Alert rules not firing". */
@Component
public class RulesCheck extends PrometheusCheck {

    static final String ID = "prometheus.rules";

    public RulesCheck(PrometheusTargets prometheusTargets) {
        super(ID, prometheusTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PrometheusSnapshot snapshot) {
        List<Problem> findings = new ArrayList<>();
        for (PrometheusApi.Rule rule : snapshot.rules().get(context)) {
            if (!"err".equals(rule.health())) {
                continue;
            }
            Map<String, Object> facts = facts(context);
            facts.put("type", rule.type().isEmpty() ? "A" : rule.type().substring(0, 1).toUpperCase(Locale.ROOT)
                    + rule.type().substring(1));
            facts.put("rule", rule.name());
            facts.put("group", rule.group());
            facts.put("file", rule.file().isEmpty() ? "no file" : rule.file());
            facts.put("error", rule.lastError().isEmpty() ? "no error reported" : rule.lastError());
            facts.put("query", rule.query());
            findings.add(Problem.of(PrometheusCode.PROM_104, new Resource("Rule", null, rule.group() + "/" + rule.name()), facts));
        }
        return findings;
    }
}
