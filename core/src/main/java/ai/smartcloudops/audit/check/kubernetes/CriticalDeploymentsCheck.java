package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-303: every deployment of {@code critical-deployments} keeps at least {@code critical-min-ready} ready
 * replicas. One without any ready replica, or missing from the cluster, is an outage (P0). Only the listed
 * deployments are kept while the others stream by.
 */
@Component
public class CriticalDeploymentsCheck extends KubernetesCheck {

    public static final String ID = "kubernetes.critical-deployments";

    public CriticalDeploymentsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.DEPLOYMENTS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        KubernetesProperties properties = clusters.properties();
        Set<String> critical = Set.copyOf(properties.criticalDeployments());
        if (critical.isEmpty()) {
            context.notConfigured("no critical deployments configured (health-audit.kubernetes.critical-deployments)");
        }
        Map<String, Replicas> seen = new HashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                String key = object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
                if (object instanceof Deployment deployment && critical.contains(key)) {
                    seen.put(key, Replicas.of(deployment));
                }
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                for (String key : properties.criticalDeployments()) {
                    String namespace = key.substring(0, key.indexOf('/'));
                    String name = key.substring(key.indexOf('/') + 1);
                    Replicas replicas = seen.get(key);
                    if (replicas == null && !properties.namespaces().audited(namespace)) {
                        // an excluded namespace is not listed: absent from the scan is not absent from the cluster
                        continue;
                    }
                    judge(properties.criticalMinReady(), new Resource("Deployment", namespace, name),
                            replicas).ifPresent(findings::add);
                }
                return findings;
            }
        };
    }

    private static Optional<Problem> judge(int minReady, Resource resource,
                                                     Replicas replicas) {
        int ready = replicas == null ? 0 : replicas.ready;
        if (ready >= minReady) {
            return Optional.empty();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ready", ready);
        facts.put("minReady", minReady);
        if (replicas == null) {
            facts.put("state", "Deployment not found");
            facts.put("selector", "app.kubernetes.io/name=" + resource.name());
            facts.put("scaleTo", minReady);
        } else {
            facts.put("state", "Ready " + ready + "/" + replicas.desired + ", available " + replicas.available);
            facts.put("replicas", replicas.desired);
            facts.put("available", replicas.available);
            facts.put("selector", replicas.selector);
            facts.put("scaleTo", Math.max(minReady, replicas.desired));
        }
        // nothing serves at all: an outage
        return Optional.of(Problem.graded(KubernetesCode.K8S_303, ready == 0 ? KubernetesCode.NO_REPLICA_READY : Grade.DEFAULT, resource, facts));
    }

    /** What the verdict needs of a critical deployment. */
    private record Replicas(int desired, int ready, int available, String selector) {

        static Replicas of(Deployment deployment) {
            DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
            Integer desired = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
            return new Replicas(desired == null ? 1 : desired, KubernetesObjects.count(status.getReadyReplicas()),
                    KubernetesObjects.count(status.getAvailableReplicas()),
                    KubernetesObjects.selector(deployment.getSpec() == null ? null
                            : deployment.getSpec().getSelector()));
        }
    }
}
