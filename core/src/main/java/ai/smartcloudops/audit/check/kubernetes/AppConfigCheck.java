package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-503, the guide's "Check Configuration" and "Enable Caching": the application's ConfigMap is missing, or a
 * key is missing or breaks its rule. One object, fetched by name once the scan is done (this check lists no kind);
 * only the offending keys' values are reported, and Secrets are never read.
 */
@Component
public class AppConfigCheck extends KubernetesCheck {

    static final String ID = "kubernetes.app-config";

    public AppConfigCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return Set.of();
    }

    @Override
    Inspection inspect(CheckContext context) {
        KubernetesProperties properties = clusters.properties();
        KubernetesProperties.AppConfig config = properties.appConfig();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                // lists nothing: the ConfigMap is fetched by name in problems()
            }

            @Override
            public List<Problem> problems() {
                if (!properties.namespaces().audited(config.namespace())) {
                    context.notConfigured("its namespace " + config.namespace() + " is not audited "
                            + "(health-audit.kubernetes.namespaces)");
                    return List.of();
                }
                ConfigMap configMap = fetch(context, config);
                Map<String, Object> facts = configMap == null ? missing(config.rules())
                        : judge(config.rules(), KubernetesObjects.map(configMap.getData()));
                return facts == null ? List.of() : List.of(Problem.of(KubernetesCode.K8S_503, new Resource("ConfigMap", config.namespace(), config.name()), facts));
            }
        };
    }

    private ConfigMap fetch(CheckContext context, KubernetesProperties.AppConfig config) {
        try {
            return clusters.client(context.target().name()).configMaps().inNamespace(config.namespace())
                    .withName(config.name()).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw new NotPermittedException(Rbac.denied("get", "configmaps", "ConfigMap " + config.namespace()
                        + "/" + config.name() + " (" + e.getMessage() + ")"));
            }
            throw e;
        }
    }

    private static Map<String, Object> missing(List<KubernetesProperties.Rule> rules) {
        Map<String, String> fix = new LinkedHashMap<>();
        rules.stream().filter(KubernetesProperties.Rule::required).forEach(r -> fix.put(r.key(), suggestion(r)));
        return facts("does not exist", List.of("the ConfigMap does not exist"), fix);
    }

    /** Every missing or invalid key; null when all rules hold. */
    private static Map<String, Object> judge(List<KubernetesProperties.Rule> rules, Map<String, String> data) {
        List<String> problems = new ArrayList<>();
        Map<String, String> fix = new LinkedHashMap<>();
        for (KubernetesProperties.Rule rule : rules) {
            String value = data.get(rule.key());
            String problem;
            String suggestion = suggestion(rule);
            if (value == null) {
                problem = rule.required() ? rule.key() + " is missing" : null;
            } else {
                String v = value.trim();
                problem = switch (rule.type()) {
                    case "integer" -> {
                        Long number = integer(v);
                        if (number == null) {
                            yield rule.key() + "=" + value + " is not an integer";
                        } else if (rule.min() != null && number < rule.min()) {
                            yield rule.key() + "=" + value + " is below " + rule.min();
                        } else if (rule.max() != null && number > rule.max()) {
                            suggestion = String.valueOf(rule.max());
                            yield rule.key() + "=" + value + " is above " + rule.max();
                        }
                        yield null;
                    }
                    case "boolean" -> "true".equals(v) || "false".equals(v) ? null
                            : rule.key() + "=" + value + " is not true or false";
                    default -> null;
                };
                if (problem == null && !rule.allowed().isEmpty() && !rule.allowed().contains(v)) {
                    problem = rule.key() + "=" + value + " is not " + String.join(" or ", rule.allowed());
                }
            }
            if (problem != null) {
                problems.add(problem);
                fix.put(rule.key(), suggestion);
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        return facts("has " + problems.size() + (problems.size() == 1 ? " key" : " keys") + " missing or invalid",
                problems, fix);
    }

    private static Map<String, Object> facts(String summary, List<String> problems, Map<String, String> fix) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("summary", summary);
        facts.put("problems", String.join("; ", problems));
        facts.put("count", problems.size());
        StringBuilder json = new StringBuilder("{");
        fix.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(escape(key))
                .append("\":\"").append(escape(value)).append('"'));
        facts.put("fix", json.append('}').toString());
        return facts;
    }

    /** The value the remediation proposes: the first allowed value, else the smallest valid integer. */
    private static String suggestion(KubernetesProperties.Rule rule) {
        if (!rule.allowed().isEmpty()) {
            return rule.allowed().get(0);
        }
        return switch (rule.type()) {
            case "integer" -> rule.min() != null ? String.valueOf(rule.min())
                    : rule.max() != null ? String.valueOf(rule.max()) : "<integer>";
            case "boolean" -> "<true|false>";
            default -> "<value>";
        };
    }

    private static Long integer(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
