package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clusters in one run: every finding names its cluster; on the one where the audit may not list pods and
 * metrics.k8s.io is not served, both show in coverage and in the report as skipped, and the run completes.
 */
class SeveralClustersIT {

    @TempDir
    Path tmp;

    @Test
    void aForbiddenKindAndAMissingMetricsApiAreSkippedOnTheirClusterOnly() throws Exception {
        Instant now = Instant.now();
        try (SyntheticCluster prod = SyntheticCluster.start(SyntheticCluster.Spec.of(20, 600), now);
             SyntheticCluster staging = SyntheticCluster.start(SyntheticCluster.Spec.of(10, 300).forbid("pods")
                     .withoutMetrics(), now)) {
            Path config = tmp.resolve("clusters.yml");
            Files.writeString(config, """
                    health-audit:
                      kubernetes:
                        critical-deployments: []
                        clusters:
                          - name: prod
                            kubeconfig: %s
                          - name: staging
                            kubeconfig: %s
                    """.formatted(prod.kubeconfig(tmp, "prod"), staging.kubeconfig(tmp, "staging")));
            String store = TestDatabase.newDatabase();
            Path out = tmp.resolve("out");

            CliRun run = CliRun.of("run", "nightly", "--config", config.toString(), "--store", store, "--out",
                    out.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(rows(store, "SELECT DISTINCT target FROM finding ORDER BY target"))
                    .containsExactly("prod", "staging");
            assertThat(rows(store, "SELECT DISTINCT reason FROM check_execution WHERE target = 'staging' "
                    + "AND status = 'skipped' ORDER BY reason"))
                    .containsExactly("forbidden (list pods)", "metrics.k8s.io not served");
            assertThat(rows(store, "SELECT count(*) FROM check_execution WHERE target = 'prod' AND status <> 'ran'"))
                    .containsExactly("0");
            assertThat(rows(store, "SELECT code || ' ' || resource_kind || '/' || resource_name FROM finding "
                    + "WHERE code LIKE 'AUDIT-%' ORDER BY code"))
                    .containsExactly("AUDIT-904 ApiResource/pods", "AUDIT-905 ApiService/metrics.k8s.io");
            // the staging nodes were still audited: node 0 is NotReady on both clusters
            assertThat(rows(store, "SELECT target FROM finding WHERE code = 'K8S-101' ORDER BY target"))
                    .containsExactly("prod", "staging");
            String html = Files.readString(out.resolve("latest").resolve("report.html"));
            assertThat(html).contains("forbidden (list pods)").contains("metrics.k8s.io not served")
                    .contains("AUDIT-904").contains("AUDIT-905");
            assertThat(run.out()).contains("on staging: skipped (forbidden (list pods))");
        }
    }

}
