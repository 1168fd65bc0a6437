package ai.smartcloudops.audit.check.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.BiFunction;

/**
 * The kinds the Kubernetes checks read, in the order a scan lists them, each cluster-wide and in pages. A kind
 * of an optional API (metrics.k8s.io) names what is not audited when the cluster does not serve it.
 */
enum Kind {
    NAMESPACES("", "namespaces", (c, o) -> c.namespaces().list(o)),
    NODES("", "nodes", (c, o) -> c.nodes().list(o)),
    NODE_METRICS("metrics.k8s.io", "nodes", (c, o) -> c.resources(NodeMetrics.class).list(o),
            "node and container usage (the guide's kubectl top)"),
    PODS("", "pods", (c, o) -> c.pods().inAnyNamespace().list(o)),
    POD_METRICS("metrics.k8s.io", "pods", (c, o) -> c.resources(PodMetrics.class).inAnyNamespace().list(o),
            "node and container usage (the guide's kubectl top)"),
    DEPLOYMENTS("apps", "deployments", (c, o) -> c.apps().deployments().inAnyNamespace().list(o)),
    DAEMONSETS("apps", "daemonsets", (c, o) -> c.apps().daemonSets().inAnyNamespace().list(o)),
    STATEFULSETS("apps", "statefulsets", (c, o) -> c.apps().statefulSets().inAnyNamespace().list(o)),
    HORIZONTAL_POD_AUTOSCALERS("autoscaling", "horizontalpodautoscalers",
            (c, o) -> c.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().list(o)),
    POD_DISRUPTION_BUDGETS("policy", "poddisruptionbudgets",
            (c, o) -> c.policy().v1().podDisruptionBudget().inAnyNamespace().list(o)),
    CRONJOBS("batch", "cronjobs", (c, o) -> c.batch().v1().cronjobs().inAnyNamespace().list(o)),
    JOBS("batch", "jobs", (c, o) -> c.batch().v1().jobs().inAnyNamespace().list(o)),
    PERSISTENT_VOLUME_CLAIMS("", "persistentvolumeclaims",
            (c, o) -> c.persistentVolumeClaims().inAnyNamespace().list(o)),
    // before the endpoints: the webhook check keeps the services its webhooks call, then judges their endpoints
    VALIDATING_WEBHOOKS("admissionregistration.k8s.io", "validatingwebhookconfigurations",
            (c, o) -> c.admissionRegistration().v1().validatingWebhookConfigurations().list(o)),
    MUTATING_WEBHOOKS("admissionregistration.k8s.io", "mutatingwebhookconfigurations",
            (c, o) -> c.admissionRegistration().v1().mutatingWebhookConfigurations().list(o)),
    SERVICES("", "services", (c, o) -> c.services().inAnyNamespace().list(o)),
    ENDPOINTS("", "endpoints", (c, o) -> c.endpoints().inAnyNamespace().list(o)),
    INGRESSES("networking.k8s.io", "ingresses",
            (c, o) -> c.network().v1().ingresses().inAnyNamespace().list(o)),
    NETWORK_POLICIES("networking.k8s.io", "networkpolicies",
            (c, o) -> c.network().v1().networkPolicies().inAnyNamespace().list(o)),
    RESOURCE_QUOTAS("", "resourcequotas", (c, o) -> c.resourceQuotas().inAnyNamespace().list(o)),
    LIMIT_RANGES("", "limitranges", (c, o) -> c.limitRanges().inAnyNamespace().list(o)),
    EVENTS("", "events", (c, o) -> c.v1().events().inAnyNamespace().list(o));

    private final String group;
    private final String resource;
    private final BiFunction<KubernetesClient, ListOptions, KubernetesResourceList<? extends HasMetadata>> lister;
    private final String optionalApiPurpose;

    Kind(String group, String resource,
         BiFunction<KubernetesClient, ListOptions, KubernetesResourceList<? extends HasMetadata>> lister) {
        this(group, resource, lister, null);
    }

    Kind(String group, String resource,
         BiFunction<KubernetesClient, ListOptions, KubernetesResourceList<? extends HasMetadata>> lister,
         String optionalApiPurpose) {
        this.group = group;
        this.resource = resource;
        this.lister = lister;
        this.optionalApiPurpose = optionalApiPurpose;
    }

    String group() {
        return group;
    }

    String resource() {
        return resource;
    }

    /** As RBAC and kubectl name it: {@code pods}, {@code deployments.apps}. */
    String qualified() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /** For a kind of an optional API: what goes unaudited without it; null for the core kinds. */
    String optionalApiPurpose() {
        return optionalApiPurpose;
    }

    KubernetesResourceList<? extends HasMetadata> list(KubernetesClient client, ListOptions options) {
        return lister.apply(client, options);
    }
}
