package ai.smartcloudops.audit.check.kubernetes;

import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.NOW;
import static ai.smartcloudops.audit.check.kubernetes.KubernetesFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks of one cluster and run list each kind once between them, not once per check. */
class SharedListingTest {

    private KubernetesFixtures k8s;

    @BeforeEach
    void start() {
        k8s = KubernetesFixtures.start();
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    @Test
    void twoPodChecksIssueOnePodsListRequest() throws Exception {
        k8s.create(pod("web", "web-5d8f7c9b6d-abcde").build(), pod("api", "api-5d8f7c9b6d-fghij").build());
        List<RecordedRequest> setup = drain();
        assertThat(setup).extracting(RecordedRequest::getMethod).containsOnly("POST");

        KubernetesClusters clusters = k8s.clusters();
        ConcurrentMap<Object, Object> shared = new ConcurrentHashMap<>();
        PodRestartsCheck restarts = new PodRestartsCheck(clusters);
        PodOomCheck oom = new PodOomCheck(clusters);
        Set<String> both = Set.of(restarts.id(), oom.id());
        restarts.run(KubernetesFixtures.context(restarts, NOW, shared, both));
        oom.run(KubernetesFixtures.context(oom, NOW, shared, both));

        assertThat(drain()).extracting(r -> r.getMethod() + " " + r.getPath()).containsExactly(
                "POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "GET /api/v1/pods?limit=500");
    }

    private List<RecordedRequest> drain() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r; (r = k8s.server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(r);
        }
        return requests;
    }
}
