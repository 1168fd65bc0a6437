package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's namespaces (health-audit.kubernetes.namespaces.app) that exist and are audited but hold no
 * object of a required type, such as a LimitRange or a NetworkPolicy: one finding per such namespace.
 */
final class AppNamespaces {

    private AppNamespaces() {
    }

    static Inspection without(CheckContext context, KubernetesProperties properties,
                              Class<? extends HasMetadata> required, KubernetesCode code) {
        Set<String> app = Set.copyOf(properties.namespaces().app());
        Set<String> present = new HashSet<>();
        Set<String> covered = new HashSet<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                String namespace = object instanceof Namespace ? object.getMetadata().getName()
                        : object.getMetadata().getNamespace();
                if (!app.contains(namespace)) {
                    return;
                }
                if (object instanceof Namespace) {
                    present.add(namespace);
                } else if (required.isInstance(object)) {
                    covered.add(namespace);
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                for (String namespace : properties.namespaces().app()) {
                    // an excluded namespace's objects are not listed: its absence of them proves nothing
                    if (present.contains(namespace) && !covered.contains(namespace)
                            && properties.namespaces().audited(namespace)) {
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("required", required.getSimpleName());
                        findings.add(Problem.of(code, new Resource("Namespace", null, namespace), facts));
                    }
                }
                return findings;
            }
        };
    }
}
