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
 * metrics.k8s.io is not served, the pods' readers are partial and the metrics' readers skipped, in coverage, the
 * report and the summary; critical-deployments left empty is "not configured" on both; the run completes.
 */
class SeveralClustersIT {

    @TempDir
    Path tmp;

    @Test
    void aForbiddenKindIsPartialAndAMissingMetricsApiSkippedOnTheirClusterOnly() throws Exception {
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
            String pods = "needs list pods: the cluster's pods (RBAC: no rule allows list on pods)";
            String critical = "no critical deployments configured (health-audit.kubernetes.critical-deployments)";
            assertThat(rows(store, "SELECT DISTINCT status || ': ' || reason FROM check_execution "
                    + "WHERE target = 'staging' AND status <> 'ran' ORDER BY 1"))
                    .containsExactly("not configured: " + critical, "partial: " + pods,
                            "skipped: metrics.k8s.io not served");
            assertThat(rows(store, "SELECT check_id || ' ' || status FROM check_execution WHERE target = 'prod' "
                    + "AND status <> 'ran'")).containsExactly("kubernetes.critical-deployments not configured");
            assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || resource_kind || '/' || resource_name "
                    + "|| ' ' || title FROM finding WHERE code LIKE 'AUDIT-%' ORDER BY code"))
                    .containsExactly("AUDIT-904 P3 Permission/list pods The audit cannot see all of staging: needs "
                                    + "list pods",
                            "AUDIT-905 P2 ApiService/metrics.k8s.io metrics.k8s.io is not served on staging");
            // the staging nodes were still audited: node 0 is NotReady on both clusters
            assertThat(rows(store, "SELECT target FROM finding WHERE code = 'K8S-101' ORDER BY target"))
                    .containsExactly("prod", "staging");
            String html = Files.readString(out.resolve("latest").resolve("report.html"));
            assertThat(html).contains(pods.replace("'", "&#39;")).contains("metrics.k8s.io not served")
                    .contains("<td class=\"status\">partial</td>").contains("<td class=\"status\">not configured</td>")
                    .contains("AUDIT-904").contains("AUDIT-905");
            assertThat(run.out()).containsPattern("  coverage: \\d+ of \\d+ checks ran in full; 2 not configured, "
                            + "\\d+ partial, \\d+ skipped\n")
                    .contains("on staging: partial (" + pods + ")")
                    .contains("    kubernetes.critical-deployments on prod: not configured (" + critical + ")\n");
        }
    }

}
