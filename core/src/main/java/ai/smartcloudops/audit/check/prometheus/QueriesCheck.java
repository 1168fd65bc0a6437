package ai.smartcloudops.audit.check.prometheus;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The configured PromQL checks (health-audit.prometheus.queries): each expression's series compared with its
 * threshold raise the query's code (PROM-110 latency, PROM-111 authentication failures, PROM-112 any other) once per
 * query, naming the worst series; an expression that fails or returns no series is PROM-108 — a vanished metric is
 * not healthy.
 */
@Component
public class QueriesCheck extends PrometheusCheck {

    static final String ID = "prometheus.queries";

    public QueriesCheck(PrometheusTargets prometheusTargets) {
        super(ID, prometheusTargets);
    }

    @Override
    List<Problem> inspect(CheckContext context, PrometheusSnapshot snapshot) {
        List<PrometheusProperties.Query> queries = prometheusTargets.queries(context);
        if (queries.isEmpty()) {
            context.notConfigured("no PromQL checks configured for this server (health-audit.prometheus.queries)");
            return List.of();
        }
        Map<String, PrometheusSnapshot.QueryAnswer> answers = snapshot.queries().get(context);
        List<Problem> findings = new ArrayList<>();
        for (PrometheusProperties.Query query : queries) {
            Resource resource = new Resource("Query", null, query.name());
            Map<String, Object> facts = facts(context);
            facts.put("expression", query.expression());
            PrometheusSnapshot.QueryAnswer answer = answers.get(query.name());
            if (answer.failure() != null) {
                findings.add(unjudged(query, resource, facts, answer.failure()));
                continue;
            }
            List<PrometheusApi.Sample> samples = answer.samples();
            if (samples.isEmpty()) {
                findings.add(unjudged(query, resource, facts, "returned no series"));
                continue;
            }
            List<PrometheusApi.Sample> breaching = samples.stream()
                    .filter(s -> query.comparison().breached(s.value(), query.threshold())).toList();
            if (breaching.isEmpty()) {
                continue;
            }
            Comparator<PrometheusApi.Sample> badness = Comparator.comparingDouble(PrometheusApi.Sample::value);
            PrometheusApi.Sample worst = breaching.stream().max(query.comparison() == PrometheusProperties.Comparison
                    .ABOVE ? badness : badness.reversed()).orElseThrow();
            facts.put("value", number(worst.value()));
            facts.put("comparison", query.comparison().word());
            facts.put("threshold", number(query.threshold()));
            facts.put("breaching", breaching.size());
            facts.put("series", samples.size());
            facts.put("labels", worst.labels().isEmpty() ? "no labels" : worst.labels().entrySet().stream()
                    .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(", ", "{", "}")));
            PrometheusCode code = query.findingCode();
            findings.add(Problem.graded(code, query.severity() == null ? Grade.DEFAULT
                    : Grade.configured(query.severity()), resource, facts));
        }
        return findings;
    }

    private static Problem unjudged(PrometheusProperties.Query query, Resource resource,
                                    Map<String, Object> facts, String problem) {
        facts.put("problem", problem);
        facts.put("checkCode", query.code());
        return Problem.of(PrometheusCode.PROM_108, resource, facts);
    }
}
