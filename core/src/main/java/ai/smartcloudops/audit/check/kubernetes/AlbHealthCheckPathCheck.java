package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * K8S-404, the guide's "Test health endpoint directly": an ALB ingress health-checks another path than the
 * guide's, or than the readiness probe of the pods behind its services, so the ALB marks ready pods unhealthy
 * (or the reverse). Pods stream by first: only each distinct (namespace, labels) with its readiness paths is
 * kept, which is one entry per ReplicaSet, not per pod; then each service's selector; then the ALB ingresses.
 */
@Component
public class AlbHealthCheckPathCheck extends KubernetesCheck {

    static final String ID = "kubernetes.alb-health-check-path";

    /** Labels unique to each pod of a StatefulSet: without them its pods share one entry. */
    private static final Set<String> PER_POD_LABELS = Set.of("statefulset.kubernetes.io/pod-name",
            "apps.kubernetes.io/pod-index");

    public AlbHealthCheckPathCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.PODS, Kind.SERVICES, Kind.INGRESSES);
    }

    @Override
    Inspection inspect(CheckContext context) {
        String expected = clusters.properties().albHealthCheckPath();
        Map<String, Map<Map<String, String>, Set<String>>> readiness = new HashMap<>();
        Map<String, Map<String, String>> selectors = new HashMap<>();
        Map<Resource, AlbIngress> ingresses = new LinkedHashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Pod pod && !KubernetesObjects.terminated(pod)) {
                    Set<String> paths = readinessPaths(pod);
                    if (!paths.isEmpty()) {
                        Map<String, String> labels = new HashMap<>(KubernetesObjects.map(pod.getMetadata().getLabels()));
                        labels.keySet().removeAll(PER_POD_LABELS);
                        readiness.computeIfAbsent(pod.getMetadata().getNamespace(), n -> new HashMap<>())
                                .computeIfAbsent(Map.copyOf(labels), l -> new TreeSet<>()).addAll(paths);
                    }
                } else if (object instanceof Service service && service.getSpec() != null
                        && !KubernetesObjects.map(service.getSpec().getSelector()).isEmpty()) {
                    selectors.put(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(),
                            Map.copyOf(service.getSpec().getSelector()));
                } else if (object instanceof Ingress ingress && KubernetesObjects.alb(ingress)) {
                    String path = KubernetesObjects.map(ingress.getMetadata().getAnnotations())
                            .get(KubernetesObjects.ALB_HEALTHCHECK_PATH);
                    if (path != null && !path.isBlank()) {
                        ingresses.put(new Resource("Ingress", ingress.getMetadata().getNamespace(),
                                ingress.getMetadata().getName()), new AlbIngress(path.trim(),
                                new TreeSet<>(KubernetesObjects.backends(ingress).stream()
                                        .map(KubernetesObjects.Backend::service).toList())));
                    }
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                ingresses.forEach((resource, ingress) -> {
                    List<String> problems = new ArrayList<>();
                    if (!ingress.path().equals(expected)) {
                        problems.add("the health check path " + ingress.path() + " is not " + expected);
                    }
                    Set<String> ready = new TreeSet<>();
                    for (String service : ingress.services()) {
                        Set<String> paths = pathsBehind(readiness.getOrDefault(resource.namespace(), Map.of()),
                                selectors.get(resource.namespace() + "/" + service));
                        if (!paths.isEmpty() && !paths.contains(ingress.path())) {
                            problems.add("the pods of service " + service + " are ready on "
                                    + String.join(", ", paths) + ", not " + ingress.path());
                        }
                        ready.addAll(paths);
                    }
                    if (problems.isEmpty()) {
                        return;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("healthCheckPath", ingress.path());
                    facts.put("expectedPath", expected);
                    facts.put("readinessPaths", ready.isEmpty() ? "none" : String.join(", ", ready));
                    facts.put("problems", String.join("; ", problems));
                    // none named: describe every service of the namespace
                    facts.put("services", new Template.Words(List.copyOf(ingress.services())));
                    findings.add(Problem.of(KubernetesCode.K8S_404, resource, facts));
                });
                return findings;
            }
        };
    }

    /** The httpGet paths of the pod's readiness probes. */
    private static Set<String> readinessPaths(Pod pod) {
        Set<String> paths = new TreeSet<>();
        for (Container container : KubernetesObjects.list(KubernetesObjects.spec(pod).getContainers())) {
            Probe probe = container.getReadinessProbe();
            if (probe != null && probe.getHttpGet() != null && probe.getHttpGet().getPath() != null
                    && !probe.getHttpGet().getPath().isBlank()) {
                paths.add(probe.getHttpGet().getPath());
            }
        }
        return paths;
    }

    /** The readiness paths of every pod label set the selector matches; none for a missing service. */
    private static Set<String> pathsBehind(Map<Map<String, String>, Set<String>> readiness,
                                           Map<String, String> selector) {
        Set<String> paths = new TreeSet<>();
        if (selector != null) {
            readiness.forEach((labels, p) -> {
                if (labels.entrySet().containsAll(selector.entrySet())) {
                    paths.addAll(p);
                }
            });
        }
        return paths;
    }

    private record AlbIngress(String path, Set<String> services) {
    }
}
