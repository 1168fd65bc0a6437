package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.config.Home;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The configured clusters as targets, one client per cluster, and each cluster's snapshot for a run. */
@Component
@EnableConfigurationProperties(KubernetesProperties.class)
public class KubernetesClusters implements DisposableBean {

    static final String KIND = "kubernetes-cluster";

    private final KubernetesProperties properties;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private final List<KubernetesCheck> checks = new CopyOnWriteArrayList<>();

    @Autowired
    public KubernetesClusters(KubernetesProperties properties) {
        this.properties = properties;
    }

    /** With ready clients per cluster name, for tests against a mock API server. */
    KubernetesClusters(KubernetesProperties properties, Map<String, KubernetesClient> clients) {
        this(properties);
        this.clients.putAll(clients);
    }

    public KubernetesProperties properties() {
        return properties;
    }

    public List<Target> targets() {
        return properties.clusters().stream().map(c -> new Target(c.name(), KIND)).toList();
    }

    void register(KubernetesCheck check) {
        checks.add(check);
    }

    /**
     * The scan of the context's cluster for this run, made by whichever Kubernetes check asks first, for every
     * Kubernetes check that audits the cluster in this run.
     */
    ClusterScan scan(CheckContext context) {
        return context.shared(SharedKey.of("kubernetes.scan", ClusterScan.class), () -> ClusterScan.run(client(context.target().name()), context,
                checks.stream().filter(c -> context.checksOnTarget().contains(c.id())).toList(),
                properties.pageSize(), properties.namespaces()));
    }

    /** The client of the configured cluster {@code cluster}, made once. */
    public KubernetesClient client(String cluster) {
        return clients.computeIfAbsent(cluster, name -> new KubernetesClientBuilder()
                .withConfig(config(properties.clusters().stream().filter(c -> c.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no cluster named " + name))))
                .build());
    }

    private static Config config(KubernetesProperties.Cluster cluster) {
        Config base;
        if (cluster.inCluster()) {
            base = Config.autoConfigure(null);
        } else if (cluster.kubeconfig() != null) {
            File file = Home.expand(cluster.kubeconfig()).toFile();
            if (!file.isFile()) {
                throw new IllegalArgumentException("kubeconfig " + file + " of cluster " + cluster.name()
                        + " does not exist");
            }
            base = Config.fromKubeconfig(cluster.context(), file);
        } else {
            base = Config.autoConfigure(cluster.context());
        }
        int timeout = (int) cluster.requestTimeout().toMillis();
        // one quick retry: an unreachable cluster must become a finding, not a stalled run
        return new ConfigBuilder(base).withConnectionTimeout(Math.min(timeout, 10_000)).withRequestTimeout(timeout)
                .withRequestRetryBackoffLimit(1).withRequestRetryBackoffInterval(200).build();
    }

    @Override
    public void destroy() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
    }
}
