package ai.smartcloudops.audit.check.tls;

import ai.smartcloudops.audit.check.kubernetes.KubernetesClusters;
import ai.smartcloudops.audit.check.kubernetes.KubernetesProperties;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The audited clusters (health-audit.kubernetes.clusters) as places certificates come from. A cluster that cannot
 * be reached, or that forbids listing the kind, is a TLS-113 naming the cluster and the kind, and the other
 * clusters and sources go on.
 */
final class ClusterSources {

    static final String KIND = "ClusterSource";

    private ClusterSources() {
    }

    /**
     * Calls {@code reader} with each cluster's name and client; returns a TLS-113 per cluster whose {@code resource}
     * (as RBAC names it: ingresses, secrets) could not be listed.
     */
    static List<LocatedChain> each(KubernetesClusters clusters, String resource,
                                   BiConsumer<String, KubernetesClient> reader) {
        List<LocatedChain> failures = new ArrayList<>();
        for (KubernetesProperties.Cluster cluster : clusters.properties().clusters()) {
            try {
                reader.accept(cluster.name(), clusters.client(cluster.name()));
            } catch (RuntimeException e) {
                failures.add(failed(cluster.name(), resource, reason(resource, e)));
            }
        }
        return failures;
    }

    static LocatedChain failed(String cluster, String resource, String reason) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cluster", cluster);
        facts.put("resource", resource);
        return LocatedChain.failed(new Location(new Resource(KIND, null, cluster + "/" + resource), resource
                        + " of cluster " + cluster, false, false, null, null, null), TlsCode.TLS_113, reason, facts);
    }

    /** One line, from the API's status only: never an object's content. */
    private static String reason(String resource, RuntimeException e) {
        if (e instanceof KubernetesClientException k) {
            String status = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage()
                    : k.getMessage();
            if (k.getCode() <= 0) {
                return "cluster unreachable: " + first(k.getMessage(), k.getCause());
            }
            if (k.getCode() == 401 || k.getCode() == 403) {
                return "forbidden (list " + resource + "): " + status;
            }
            return "list " + resource + " failed with HTTP " + k.getCode() + ": " + status;
        }
        return "list " + resource + " failed: " + first(e.getMessage(), e.getCause());
    }

    private static String first(String message, Throwable cause) {
        String text = cause != null && cause.getMessage() != null ? message + " (" + cause.getMessage() + ")"
                : String.valueOf(message);
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
