package ai.smartcloudops.audit.check.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.BiFunction;

/** The kinds the Kubernetes checks read, in the order a scan lists them, each cluster-wide and in pages. */
enum Kind {
    NODES("", "nodes", (client, options) -> client.nodes().list(options)),
    PODS("", "pods", (client, options) -> client.pods().inAnyNamespace().list(options)),
    DEPLOYMENTS("apps", "deployments", (client, options) -> client.apps().deployments().inAnyNamespace()
            .list(options));

    private final String group;
    private final String resource;
    private final BiFunction<KubernetesClient, ListOptions, KubernetesResourceList<? extends HasMetadata>> lister;

    Kind(String group, String resource,
         BiFunction<KubernetesClient, ListOptions, KubernetesResourceList<? extends HasMetadata>> lister) {
        this.group = group;
        this.resource = resource;
        this.lister = lister;
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

    KubernetesResourceList<? extends HasMetadata> list(KubernetesClient client, ListOptions options) {
        return lister.apply(client, options);
    }
}
