package ai.smartcloudops.audit.check.kubernetes;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clusters to audit and the Kubernetes thresholds.
 *
 * @param clusters                    one entry per cluster; empty means no Kubernetes audit
 * @param restartThreshold            container restarts in the window at or above which K8S-201 is raised
 * @param restartWindow               without an earlier sample of a pod's restart counts, how far back its
 *                                    restarts count (since the previous sample otherwise)
 * @param allocatedPercentThreshold   requested CPU or memory over allocatable, in percent, for K8S-103
 * @param pendingGrace                how long a pod may stay Pending before K8S-203
 * @param pageSize                    objects per LIST request (limit/continue)
 * @param window                      how far back events, OOM kills and failed jobs count
 * @param usagePercentThreshold       node CPU or memory in use over allocatable, in percent (metrics.k8s.io)
 * @param memoryLimitPercentThreshold container memory in use over its limit, in percent: OOM risk
 * @param cpuLimitPercentThreshold    container CPU in use over its limit, in percent: throttling
 * @param quotaPercentThreshold       ResourceQuota used over hard, in percent
 * @param namespaces                  which namespaces are audited, and which are the application's
 * @param monitoring                  the monitoring stack's namespace and components
 * @param criticalDeployments         namespace/name of deployments that must keep {@code criticalMinReady} ready
 * @param criticalMinReady            ready replicas a critical deployment needs
 * @param albHealthCheckPath          the health-check path the ALB must use (the guide's /api/health)
 * @param appConfig                   the application's ConfigMap and the rules its keys must follow
 */
@ConfigurationProperties("health-audit.kubernetes")
public record KubernetesProperties(List<Cluster> clusters, Integer restartThreshold, Duration restartWindow,
                                   Integer allocatedPercentThreshold, Duration pendingGrace, Integer pageSize,
                                   Duration window, Integer usagePercentThreshold,
                                   Integer memoryLimitPercentThreshold, Integer cpuLimitPercentThreshold,
                                   Integer quotaPercentThreshold,
                                   Namespaces namespaces, Monitoring monitoring, List<String> criticalDeployments,
                                   Integer criticalMinReady, String albHealthCheckPath, AppConfig appConfig) {

    public KubernetesProperties {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        restartThreshold = restartThreshold == null ? 5 : restartThreshold;
        restartWindow = restartWindow == null ? Duration.ofHours(24) : restartWindow;
        allocatedPercentThreshold = allocatedPercentThreshold == null ? 90 : allocatedPercentThreshold;
        pendingGrace = pendingGrace == null ? Duration.ofMinutes(5) : pendingGrace;
        pageSize = pageSize == null ? 500 : pageSize;
        window = window == null ? Duration.ofHours(24) : window;
        usagePercentThreshold = usagePercentThreshold == null ? 85 : usagePercentThreshold;
        memoryLimitPercentThreshold = memoryLimitPercentThreshold == null ? 90 : memoryLimitPercentThreshold;
        cpuLimitPercentThreshold = cpuLimitPercentThreshold == null ? 90 : cpuLimitPercentThreshold;
        quotaPercentThreshold = quotaPercentThreshold == null ? 90 : quotaPercentThreshold;
        namespaces = namespaces == null ? new Namespaces(null, null, null) : namespaces;
        monitoring = monitoring == null ? new Monitoring(null, null) : monitoring;
        criticalDeployments = criticalDeployments == null ? List.of("smartcloudops/smartcloudops-api")
                : List.copyOf(criticalDeployments);
        criticalMinReady = criticalMinReady == null ? 2 : criticalMinReady;
        albHealthCheckPath = albHealthCheckPath == null ? "/api/health" : albHealthCheckPath;
        appConfig = appConfig == null ? new AppConfig(null, null, null) : appConfig;
        if (restartThreshold < 1) {
            throw new IllegalArgumentException("health-audit.kubernetes.restart-threshold must be at least 1");
        }
        if (restartWindow.isNegative() || restartWindow.isZero()) {
            throw new IllegalArgumentException("health-audit.kubernetes.restart-window must be positive");
        }
        percent("allocated-percent-threshold", allocatedPercentThreshold, 1000);
        percent("usage-percent-threshold", usagePercentThreshold, 1000);
        percent("memory-limit-percent-threshold", memoryLimitPercentThreshold, 100);
        percent("cpu-limit-percent-threshold", cpuLimitPercentThreshold, 100);
        percent("quota-percent-threshold", quotaPercentThreshold, 100);
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("health-audit.kubernetes.page-size must be between 1 and 10000");
        }
        if (criticalMinReady < 1) {
            throw new IllegalArgumentException("health-audit.kubernetes.critical-min-ready must be at least 1");
        }
        for (String deployment : criticalDeployments) {
            if (!deployment.matches("[a-z0-9.-]+/[a-z0-9.-]+")) {
                throw new IllegalArgumentException("health-audit.kubernetes.critical-deployments: '" + deployment
                        + "' is not namespace/name");
            }
        }
        long names = clusters.stream().map(Cluster::name).distinct().count();
        if (names != clusters.size()) {
            throw new IllegalArgumentException("health-audit.kubernetes.clusters: cluster names must be unique");
        }
    }

    private static void percent(String key, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException("health-audit.kubernetes." + key + " must be between 1 and " + max);
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

    /**
     * @param include only these namespaces are audited (empty: all)
     * @param exclude these namespaces are never audited
     * @param app     the application's namespaces: they must have a LimitRange and a NetworkPolicy
     */
    public record Namespaces(List<String> include, List<String> exclude, List<String> app) {

        public Namespaces {
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            app = app == null ? List.of("smartcloudops") : List.copyOf(app);
        }

        /** Whether objects of this namespace are audited; cluster-scoped objects (null) always are. */
        public boolean audited(String namespace) {
            return namespace == null || (include.isEmpty() || include.contains(namespace))
                    && !exclude.contains(namespace);
        }
    }

    /**
     * @param namespace  where Prometheus, Fluentd and Elasticsearch run
     * @param components values of the pods' app.kubernetes.io/name label that must be running and ready
     */
    public record Monitoring(String namespace, List<String> components) {

        public Monitoring {
            namespace = namespace == null ? "smartcloudops-monitoring" : namespace;
            components = components == null ? List.of("prometheus", "fluentd", "elasticsearch")
                    : List.copyOf(components);
        }
    }

    /**
     * @param namespace the ConfigMap's namespace
     * @param name      the ConfigMap's name
     * @param rules     one per key: whether it is required and what its value must be
     */
    public record AppConfig(String namespace, String name, List<Rule> rules) {

        public AppConfig {
            namespace = namespace == null ? "smartcloudops" : namespace;
            name = name == null ? "smartcloudops-config" : name;
            rules = rules == null ? List.of(
                    new Rule("DATABASE_POOL_SIZE", true, "integer", 5L, 100L, null),
                    new Rule("DATABASE_MAX_OVERFLOW", true, "integer", 0L, 100L, null),
                    new Rule("DATABASE_POOL_TIMEOUT", true, "integer", 1L, 120L, null),
                    new Rule("DATABASE_POOL_RECYCLE", true, "integer", 300L, 7200L, null),
                    new Rule("CACHE_ENABLED", true, "boolean", null, null, List.of("true")),
                    new Rule("CACHE_DEFAULT_TTL", true, "integer", 60L, 86_400L, null),
                    new Rule("CACHE_EVICTION_POLICY", true, "string", null, null, List.of("allkeys-lru")))
                    : List.copyOf(rules);
        }
    }

    /**
     * @param key      the ConfigMap key, e.g. DATABASE_POOL_SIZE
     * @param required whether the key must be present
     * @param type     integer, boolean or string
     * @param min      smallest allowed integer
     * @param max      largest allowed integer
     * @param allowed  the only values allowed (empty: any of the type)
     */
    public record Rule(String key, Boolean required, String type, Long min, Long max, List<String> allowed) {

        public Rule {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("health-audit.kubernetes.app-config.rules[].key is required");
            }
            required = required == null || required;
            type = type == null ? "string" : type;
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
            if (!List.of("integer", "boolean", "string").contains(type)) {
                throw new IllegalArgumentException("health-audit.kubernetes.app-config.rules: type '" + type
                        + "' is not one of integer, boolean, string");
            }
        }
    }
}
