package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.run.Sweep;
import ai.smartcloudops.audit.run.Sweeps;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 mock API server answering 403 to the list of one kind, through the sweep: the checks that read it
 * are coverage "partial" with one AUDIT-904 naming the verb and resource, the others run in full.
 */
class ForbiddenKindTest {

    private static final String REFUSED = "pods is forbidden: User \"system:serviceaccount:ops:health-audit\" "
            + "cannot list resource \"pods\" in API group \"\" at the cluster scope";

    @Test
    void aKindTheApiServerRefusesIsPartialCoverageOfItsReadersAndOneAudit904() {
        try (KubernetesFixtures k8s = KubernetesFixtures.withExpectations()) {
            k8s.server.expect().get().withPath("/api/v1/pods?limit=500").andReturn(403, new StatusBuilder()
                    .withStatus("Failure").withReason("Forbidden").withCode(403).withMessage(REFUSED).build())
                    .always();
            k8s.create(KubernetesFixtures.deployment("checkout", 3, 1).build());
            KubernetesClusters clusters = k8s.clusters();

            Sweep.Result result = Sweeps.nightly(new PodOomCheck(clusters), new PodSchedulingCheck(clusters),
                    new DeploymentAvailabilityCheck(clusters));

            String reason = "needs list pods: the cluster's pods (" + REFUSED + ")";
            assertThat(result.coverage()).extracting(Coverage::check, Coverage::status, Coverage::reason)
                    .containsExactlyInAnyOrder(tuple(PodOomCheck.ID, CoverageStatus.PARTIAL, reason),
                            tuple(PodSchedulingCheck.ID, CoverageStatus.PARTIAL, reason),
                            tuple(DeploymentAvailabilityCheck.ID, CoverageStatus.RAN, null));
            assertThat(result.findings()).extracting(f -> f.code().code())
                    .containsExactlyInAnyOrder("AUDIT-904", "K8S-301");
            assertThat(result.findings()).filteredOn(f -> f.code().code().equals("AUDIT-904")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.P3);
                        assertThat(f.resource()).isEqualTo(Resource.of("Permission", "list pods"));
                        assertThat(f.title()).isEqualTo("The audit cannot see all of prod: needs list pods");
                        assertThat(f.detail()).isEqualTo("The audit's identity may not see the cluster's pods ("
                                + REFUSED + "), so kubernetes.pod-oom, kubernetes.pod-scheduling saw only part of "
                                + "prod (coverage partial). What it could not see is not audited: no finding there "
                                + "means unknown, not healthy.");
                        assertThat(f.remediation()).isEqualTo("# prod: give the audit's identity list pods, so it "
                                + "sees the cluster's pods (" + REFUSED + "); for example\n"
                                + "# kubectl auth can-i list pods --as=system:serviceaccount:<namespace>:health-audit "
                                + "and allow it in the audit's ClusterRole (the one in k8s/cronjob allows what the "
                                + "audit reads)\n"
                                + "# (the read-only roles and policies are in docs/operations.md), then audit it "
                                + "again:\n"
                                + "health-audit run nightly --only kubernetes --target prod");
                        assertThat(f.checkId()).isEqualTo(PodOomCheck.ID);
                    });
        }
    }
}
