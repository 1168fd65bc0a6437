package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.net.HostileServer;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last lines of a crash-looping container as K8S-201's evidence, from the fabric8 mock API server's pods/log
 * (previous=true): bounded, credentials masked, and left out with the coverage saying why when the audit may not get
 * pods/log.
 */
class LastLinesTest {

    private static final String NS = KubernetesFixtures.NAMESPACE;
    private static final String POD = "smartcloudops-api-5d8f7c9b6d-x7k2p";
    private static final String LOG = "/api/v1/namespaces/" + NS + "/pods/" + POD
            + "/log?container=smartcloudops-api&previous=true&tailLines=20&limitBytes=4096";

    private KubernetesFixtures k8s;
    private PodRestartsCheck check;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.withExpectations();
        check = new PodRestartsCheck(k8s.clusters());
        k8s.create(crashLooping());
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private static Pod crashLooping() {
        return pod("smartcloudops-api", POD).editStatus().withStartTime("2026-05-01T09:00:00Z")
                .withContainerStatuses(new ContainerStatusBuilder().withName("smartcloudops-api").withRestartCount(3)
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                        .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).endTerminated()
                        .endLastState().build())
                .endStatus().build();
    }

    @Test
    void theLastLinesOfTheEndedContainerAreItsEvidenceWithCredentialsMasked() throws Exception {
        k8s.server.expect().get().withPath(LOG).andReturn(200, """
                connecting to postgresql://app:hunter2@db:5432/smartcloudops
                password=hunter2 api_key: "AKIA-123456" Authorization: Bearer eyJhbGciOi.secret.sig
                \u0000<script>alert(1)</script> =HYPERLINK("http://evil")
                Traceback: psycopg2.OperationalError: FATAL: too many connections
                """).once();

        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> {
            String lines = f.evidence().get(LastLines.FACT);
            assertThat(lines).startsWith("connecting to postgresql://****@db:5432/smartcloudops\n"
                    + "password=**** api_key: **** Authorization: Bearer ****\n")
                    .contains("\uFFFD<script>alert(1)</script> =HYPERLINK(\"http://evil\")")
                    .endsWith("FATAL: too many connections")
                    .doesNotContain("hunter2").doesNotContain("AKIA-123456").doesNotContain("eyJhbGciOi");
        });
    }

    @Test
    void aLogLongerThanItsBoundIsCutAndAMissingOneSaysWhy() throws Exception {
        k8s.server.expect().get().withPath(LOG).andReturn(200, "x".repeat(10_000)).once();
        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> assertThat(
                f.evidence().get(LastLines.FACT)).isEqualTo("x".repeat(LastLines.BYTES) + " [cut at 4096 bytes]"));

        k8s.server.expect().get().withPath(LOG).andReturn(400, new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withCode(400).withMessage("previous terminated container \"smartcloudops-api\" in pod \"" + POD
                        + "\" not found").build()).once();
        assertThat(KubernetesFixtures.run(check)).singleElement().satisfies(f -> assertThat(
                f.evidence().get(LastLines.FACT)).isEqualTo("not read: HTTP 400: previous terminated container "
                + "\"smartcloudops-api\" in pod \"" + POD + "\" not found"));
    }

    @Test
    void aLogThatTricklesIsGivenUpAtTheClustersRequestTimeout() throws Exception {
        try (HostileServer hostile = new HostileServer();
             KubernetesClient slow = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                     .withMasterUrl(hostile.url("/slow-body")).withRequestTimeout(1000).withRequestRetryBackoffLimit(0)
                     .build()).build()) {
            Problem problem = Problem.of(KubernetesCode.K8S_201, new Resource("Pod", NS, POD),
                    Map.of("container", "smartcloudops-api"));
            long started = System.nanoTime();

            List<Problem> attached = LastLines.attach(KubernetesFixtures.context(check), slow, List.of(problem));

            assertThat(attached).singleElement().satisfies(p -> assertThat(p.facts())
                    .containsEntry(LastLines.FACT, "not read: no complete answer within 1s"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void withoutGetOnPodsLogTheFindingStandsAndTheCoverageNamesThePermission() throws Exception {
        // the review of pods/log is denied; the reviews of the kinds listed are not
        k8s.server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReply(201, request -> new SelfSubjectAccessReviewBuilder().withNewStatus()
                        .withAllowed(!request.getBody().readUtf8().contains("\"subresource\":\"log\""))
                        .endStatus().build()).always();
        CheckContext context = KubernetesFixtures.context(check);

        List<Finding> findings = context.findings(check);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("K8S-201");
            assertThat(f.evidence()).doesNotContainKey(LastLines.FACT);
        });
        assertThat(context.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.permission()).isEqualTo("get pods/log");
            assertThat(gap.hidden()).isEqualTo("the last lines of crash-looping and OOM-killed containers");
        });
    }
}
