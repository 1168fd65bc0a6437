package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-208, the guide's "Monitoring and Logging Issues": every monitoring component (pods labelled
 * app.kubernetes.io/name=&lt;component&gt; in the monitoring namespace) must have pods, all Running and Ready.
 * A monitoring namespace the configuration excludes from the audit is not judged.
 */
@Component
public class MonitoringPodsCheck extends KubernetesCheck {

    static final String ID = "kubernetes.monitoring-pods";

    static final String NAME_LABEL = "app.kubernetes.io/name";

    /** How many not-ready pods a finding names. */
    private static final int NAMED = 5;

    /** The guide's controllers, for a component without any pod to tell its owner. */
    private static final Map<String, String> GUIDE_CONTROLLERS = Map.of(
            "prometheus", "deployment/prometheus",
            "fluentd", "daemonset/fluentd",
            "elasticsearch", "statefulset/elasticsearch");

    public MonitoringPodsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        KubernetesProperties properties = clusters.properties();
        String namespace = properties.monitoring().namespace();
        boolean audited = properties.namespaces().audited(namespace);
        Map<String, Seen> components = new LinkedHashMap<>();
        properties.monitoring().components().forEach(c -> components.put(c, new Seen()));
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Pod pod && namespace.equals(pod.getMetadata().getNamespace())
                        && !KubernetesObjects.terminated(pod)) {
                    Seen component = components.get(
                            KubernetesObjects.map(pod.getMetadata().getLabels()).get(NAME_LABEL));
                    if (component != null) {
                        component.add(pod);
                    }
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                if (!audited) {
                    return findings;
                }
                components.forEach((name, component) -> {
                    if (component.pods > 0 && component.ready == component.pods) {
                        return;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("pods", component.pods);
                    facts.put("ready", component.ready);
                    facts.put("notReady", component.notReady.isEmpty() ? "none"
                            : String.join(", ", component.notReady)
                            + (component.pods - component.ready > NAMED ? ", ..." : ""));
                    facts.put("controller", component.controller != null ? component.controller
                            : GUIDE_CONTROLLERS.getOrDefault(name, "deployment/" + name));
                    facts.put("timeout", "elasticsearch".equals(name) ? "600s" : "300s");
                    findings.add(Problem.of(KubernetesCode.K8S_208, new Resource("Component", namespace, name), facts));
                });
                return findings;
            }
        };
    }

    /** The pods of one component seen so far: counts, the controller, and the first few that are not ready. */
    private static final class Seen {
        private int pods;
        private int ready;
        private String controller;
        private final List<String> notReady = new ArrayList<>();

        void add(Pod pod) {
            pods++;
            if (controller == null && !KubernetesObjects.list(pod.getMetadata().getOwnerReferences()).isEmpty()) {
                controller = KubernetesObjects.workload(pod);
            }
            if (KubernetesObjects.runningAndReady(pod)) {
                ready++;
            } else if (notReady.size() < NAMED) {
                notReady.add(pod.getMetadata().getName() + " ("
                        + KubernetesObjects.orElse(KubernetesObjects.status(pod).getPhase(), "Unknown")
                        + (KubernetesObjects.readyCondition(pod).isPresent() ? ", Ready "
                        + KubernetesObjects.readyCondition(pod).get().getStatus() : "") + ")");
            }
        }
    }
}
