package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-402, the guide's "Traffic not routing to pods": an Ingress backend names a Service that does not exist or a
 * port (number or name) the Service does not expose. Only each Service's port numbers and names are kept.
 */
@Component
public class IngressBackendsCheck extends KubernetesCheck {

    static final String ID = "kubernetes.ingress-backends";

    public IngressBackendsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.SERVICES, Kind.INGRESSES);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Map<String, Set<String>> ports = new HashMap<>();
        Map<Resource, List<KubernetesObjects.Backend>> ingresses = new LinkedHashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Service service) {
                    Set<String> exposed = new HashSet<>();
                    List<ServicePort> servicePorts = service.getSpec() == null ? List.of()
                            : KubernetesObjects.list(service.getSpec().getPorts());
                    for (ServicePort port : servicePorts) {
                        if (port.getPort() != null) {
                            exposed.add(String.valueOf(port.getPort()));
                        }
                        if (port.getName() != null && !port.getName().isBlank()) {
                            exposed.add(port.getName());
                        }
                    }
                    ports.put(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(), exposed);
                } else if (object instanceof Ingress ingress) {
                    ingresses.put(new Resource("Ingress", ingress.getMetadata().getNamespace(),
                            ingress.getMetadata().getName()), KubernetesObjects.backends(ingress));
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                ingresses.forEach((ingress, backends) -> {
                    List<String> broken = new ArrayList<>();
                    Set<String> services = new LinkedHashSet<>();
                    String toPatch = null;
                    for (KubernetesObjects.Backend backend : backends) {
                        Set<String> exposed = ports.get(ingress.namespace() + "/" + backend.service());
                        String problem = exposed == null ? "service does not exist"
                                : backend.port() == null ? "no port named"
                                : !exposed.contains(backend.port()) ? "port not exposed by the service" : null;
                        if (problem != null) {
                            broken.add(backend.path() + " -> " + backend.service() + ":"
                                    + KubernetesObjects.orElse(backend.port(), "?") + " (" + problem + ")");
                            services.add(backend.service());
                            if (exposed != null && toPatch == null) {
                                toPatch = backend.service();
                            }
                        }
                    }
                    if (broken.isEmpty()) {
                        return;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("count", broken.size());
                    facts.put("backends", String.join("; ", broken));
                    facts.put("services", new Template.Words(List.copyOf(services)));
                    // the guide's port fix applies to a service that exists
                    facts.put("service", toPatch != null ? toPatch : services.iterator().next());
                    findings.add(Problem.of(KubernetesCode.K8S_402, ingress, facts));
                });
                return findings;
            }
        };
    }
}
