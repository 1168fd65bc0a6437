package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-401, the guide's "Traffic not routing to pods": a Service with a selector whose Endpoints hold no ready
 * address. Only the selector of each such Service and the address counts of each Endpoints object are kept.
 */
@Component
public class ServiceEndpointsCheck extends KubernetesCheck {

    static final String ID = "kubernetes.service-endpoints";

    public ServiceEndpointsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.SERVICES, Kind.ENDPOINTS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Map<String, String> selectors = new LinkedHashMap<>();
        Map<String, int[]> addresses = new HashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof Service service) {
                    // ExternalName and selector-less services have no endpoints managed for them
                    Map<String, String> selector = service.getSpec() == null ? Map.of()
                            : KubernetesObjects.map(service.getSpec().getSelector());
                    if (!selector.isEmpty() && !"ExternalName".equals(service.getSpec().getType())) {
                        selectors.put(key(service), KubernetesObjects.selector(
                                new LabelSelectorBuilder().withMatchLabels(selector).build()));
                    }
                } else if (object instanceof Endpoints endpoints) {
                    int ready = 0;
                    int notReady = 0;
                    for (EndpointSubset subset : KubernetesObjects.list(endpoints.getSubsets())) {
                        ready += KubernetesObjects.list(subset.getAddresses()).size();
                        notReady += KubernetesObjects.list(subset.getNotReadyAddresses()).size();
                    }
                    addresses.put(key(endpoints), new int[] {ready, notReady});
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                selectors.forEach((key, selector) -> {
                    int[] counts = addresses.get(key);
                    if (counts != null && counts[0] > 0) {
                        return;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("selector", selector);
                    facts.put("notReady", counts == null ? 0 : counts[1]);
                    facts.put("endpoints", counts == null ? "no Endpoints object" : "0 ready addresses");
                    String[] name = key.split("/", 2);
                    findings.add(Problem.of(KubernetesCode.K8S_401, new Resource("Service", name[0], name[1]), facts));
                });
                return findings;
            }
        };
    }

    private static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
