package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * K8S-405: an admission webhook configuration whose webhooks call an in-cluster Service with no ready endpoints. With
 * failurePolicy Fail (the default), the API server then refuses every create or update the webhook matches: rollouts,
 * scaling and the application's own writes stall although every workload looks healthy. The configurations are listed
 * before the endpoints, so only the endpoints of the services they call are kept.
 */
@Component
public class AdmissionWebhookCheck extends KubernetesCheck {

    static final String ID = "kubernetes.admission-webhooks";

    public AdmissionWebhookCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.VALIDATING_WEBHOOKS, Kind.MUTATING_WEBHOOKS, Kind.ENDPOINTS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        List<Configuration> configurations = new ArrayList<>();
        Set<String> called = new HashSet<>();
        Set<String> withEndpoints = new HashSet<>();
        Set<String> ready = new HashSet<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (object instanceof ValidatingWebhookConfiguration validating) {
                    add("ValidatingWebhookConfiguration", validating, KubernetesObjects.list(validating.getWebhooks())
                            .stream().map(w -> Webhook.of(w.getName(), w.getClientConfig(), w.getFailurePolicy()))
                            .toList());
                } else if (object instanceof MutatingWebhookConfiguration mutating) {
                    add("MutatingWebhookConfiguration", mutating, KubernetesObjects.list(mutating.getWebhooks())
                            .stream().map(w -> Webhook.of(w.getName(), w.getClientConfig(), w.getFailurePolicy()))
                            .toList());
                } else if (object instanceof Endpoints endpoints) {
                    String key = endpoints.getMetadata().getNamespace() + "/" + endpoints.getMetadata().getName();
                    if (called.contains(key)) {
                        withEndpoints.add(key);
                        if (KubernetesObjects.list(endpoints.getSubsets()).stream().map(EndpointSubset::getAddresses)
                                .anyMatch(addresses -> !KubernetesObjects.list(addresses).isEmpty())) {
                            ready.add(key);
                        }
                    }
                }
            }

            // the kind by type: the items of a list response carry none. A service in a namespace the audit leaves
            // out has its endpoints left out too: its webhooks are not judged
            private void add(String kind, HasMetadata configuration, List<Webhook> webhooks) {
                List<Webhook> inCluster = webhooks.stream().filter(w -> w.service() != null
                        && clusters.properties().namespaces().audited(w.namespace())).toList();
                if (!inCluster.isEmpty()) {
                    configurations.add(new Configuration(kind, configuration.getMetadata().getName(), inCluster));
                    inCluster.forEach(w -> called.add(w.service()));
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                for (Configuration configuration : configurations) {
                    List<Webhook> broken = configuration.webhooks().stream().filter(w -> !ready.contains(w.service()))
                            .toList();
                    if (broken.isEmpty()) {
                        continue;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("configurationKind", configuration.kind());
                    facts.put("count", broken.stream().map(Webhook::service).distinct().count());
                    facts.put("webhooks", broken.stream().map(w -> w.name() + " calls " + w.service()
                            + " (failurePolicy " + w.failurePolicy() + ", " + (withEndpoints.contains(w.service())
                                    ? "no ready address" : "no Endpoints object") + ")")
                            .collect(Collectors.joining("; ")));
                    facts.put("service", broken.get(0).serviceName());
                    facts.put("serviceNamespace", broken.get(0).namespace());
                    facts.put("configurationResource", configuration.kind().toLowerCase(Locale.ROOT));
                    boolean ignored = broken.stream().allMatch(w -> "Ignore".equals(w.failurePolicy()));
                    findings.add(Problem.graded(KubernetesCode.K8S_405,
                            ignored ? KubernetesCode.FAILURE_POLICY_IGNORE : Grade.DEFAULT,
                            new Resource(configuration.kind(), null, configuration.name()), facts));
                }
                return findings;
            }
        };
    }

    private record Configuration(String kind, String name, List<Webhook> webhooks) {
    }

    /** A webhook and the namespace and name of the Service it calls, both null for one called by URL. */
    private record Webhook(String name, String namespace, String serviceName, String failurePolicy) {

        static Webhook of(String name, WebhookClientConfig client, String failurePolicy) {
            ServiceReference service = client == null ? null : client.getService();
            boolean byService = service != null && service.getName() != null;
            return new Webhook(KubernetesObjects.orElse(name, "<unnamed>"),
                    byService ? KubernetesObjects.orElse(service.getNamespace(), "default") : null,
                    byService ? service.getName() : null,
                    // the API server's default since admissionregistration.k8s.io/v1
                    KubernetesObjects.orElse(failurePolicy, "Fail"));
        }

        /** namespace/name of the Service, as its Endpoints are keyed; null for one called by URL. */
        String service() {
            return serviceName == null ? null : namespace + "/" + serviceName;
        }
    }
}
