package ai.smartcloudops.audit.check.kubernetes;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clusters to audit and the Kubernetes thresholds.
 *
 * @param clusters                   one entry per cluster; empty means no Kubernetes audit
 * @param restartThreshold           container restarts at or above which K8S-201 is raised
 * @param allocatedPercentThreshold  requested CPU or memory over allocatable, in percent, for K8S-103
 * @param pendingGrace               how long a pod may stay Pending before K8S-203
 * @param pageSize                   objects per LIST request (limit/continue)
 */
@ConfigurationProperties("health-audit.kubernetes")
public record KubernetesProperties(List<Cluster> clusters, Integer restartThreshold,
                                   Integer allocatedPercentThreshold, Duration pendingGrace, Integer pageSize) {

    public KubernetesProperties {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        restartThreshold = restartThreshold == null ? 5 : restartThreshold;
        allocatedPercentThreshold = allocatedPercentThreshold == null ? 90 : allocatedPercentThreshold;
        pendingGrace = pendingGrace == null ? Duration.ofMinutes(5) : pendingGrace;
        pageSize = pageSize == null ? 500 : pageSize;
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("health-audit.kubernetes.page-size must be between 1 and 10000");
        }
        if (restartThreshold < 1) {
            throw new IllegalArgumentException("health-audit.kubernetes.restart-threshold must be at least 1");
        }
        if (allocatedPercentThreshold < 1 || allocatedPercentThreshold > 1000) {
            throw new IllegalArgumentException(
                    "health-audit.kubernetes.allocated-percent-threshold must be between 1 and 1000");
        }
        long names = clusters.stream().map(Cluster::name).distinct().count();
        if (names != clusters.size()) {
            throw new IllegalArgumentException("health-audit.kubernetes.clusters: cluster names must be unique");
        }
    }

    /**
     * A cluster: by kubeconfig context (the default kubeconfig, or {@code kubeconfig}), or in-cluster.
     *
     * @param name           the name findings use for this cluster
     * @param context        kubeconfig context; null for the current context
     * @param kubeconfig     kubeconfig file; null for $KUBECONFIG or ~/.kube/config
     * @param inCluster      use the pod's ServiceAccount instead of a kubeconfig
     * @param requestTimeout timeout of one API request
     */
    public record Cluster(String name, String context, String kubeconfig, Boolean inCluster,
                          Duration requestTimeout) {

        public Cluster {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("health-audit.kubernetes.clusters[].name is required");
            }
            inCluster = inCluster != null && inCluster;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        }
    }
}
