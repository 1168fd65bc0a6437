package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The disaster-recovery cluster, whose API endpoint is down: every Kubernetes check of it is skipped with one
 * AUDIT-903, its Ingresses and Secrets are not read for certificates (TLS-113), and the report's coverage says so.
 */
public final class DemoDrCluster implements DemoPart {

    public static final String CLUSTER = "smartcloudops-dr";

    /** What an unreachable cluster raises, by code: one resource, or several joined by ", " in sorted order. */
    public static final Map<String, String> FAULTS = Map.of(
            "AUDIT-903", "Target/" + CLUSTER,
            "TLS-113", "ClusterSource/" + CLUSTER + "/ingresses, ClusterSource/" + CLUSTER + "/secrets");

    private final Path dir;
    private final Path kubeconfig;

    private DemoDrCluster(Path dir, Path kubeconfig) {
        this.dir = dir;
        this.kubeconfig = kubeconfig;
    }

    public static DemoDrCluster start() {
        try {
            Path dir = Files.createTempDirectory("health-audit-demo-dr");
            // port 1: nothing listens there, and no server asking for a free port is given it (a port closed after
            // binding it may be, by another process, while the demo runs)
            return new DemoDrCluster(dir, LocalKubeconfig.write(dir.resolve("kubeconfig"), CLUSTER,
                    "https://127.0.0.1:1"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the DR cluster's kubeconfig", e);
        }
    }

    @Override
    public List<String> properties() {
        return List.of(
                "--health-audit.kubernetes.clusters[1].name=" + CLUSTER,
                "--health-audit.kubernetes.clusters[1].kubeconfig=" + kubeconfig,
                "--health-audit.kubernetes.clusters[1].context=" + CLUSTER,
                "--health-audit.kubernetes.clusters[1].request-timeout=2s");
    }

    @Override
    public void close() {
        Demo.delete(dir);
    }
}
