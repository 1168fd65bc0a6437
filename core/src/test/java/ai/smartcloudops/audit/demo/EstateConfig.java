package ai.smartcloudops.audit.demo;

import java.nio.file.Path;

/** The configuration file of a run against the demo cluster, as the command-line tests write it. */
public final class EstateConfig {

    private EstateConfig() {
    }

    /**
     * Audits the demo cluster reached through {@code kubeconfig}; {@code more} follows under {@code health-audit:}
     * (indented two spaces), e.g. a {@code notify:} block.
     */
    public static String yaml(Path kubeconfig, String more) {
        return """
                health-audit:
                  kubernetes:
                    clusters:
                      - name: %s
                        context: %s
                        kubeconfig: %s
                        request-timeout: 5s
                    pending-grace: 0s
                    critical-deployments: [%s]
                """.formatted(DemoEstate.CLUSTER, DemoEstate.CLUSTER, kubeconfig,
                DemoWorkloadFaults.CRITICAL_DEPLOYMENTS) + more;
    }
}
