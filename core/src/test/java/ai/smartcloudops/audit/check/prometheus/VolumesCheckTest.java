package ai.smartcloudops.audit.check.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VolumesCheckTest {

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void aVolumeUnder3PercentIsP1AndOneUnder15PercentFillingWithin4DaysIsP2() throws Exception {
        answer(VolumesCheck.LOW, series("smartcloudops", "smartcloudops-uploads", "0.021")
                + "," + series("smartcloudops-monitoring", "data-elasticsearch-0", "0.118")
                + "," + series("smartcloudops", "data-redis-sessions-0", "0.14")
                // another exporter's series, and a volume reporting no capacity
                + ",{\"metric\":{\"device\":\"/dev/xvda\"},\"value\":[1764376320,\"0.01\"]}"
                + "," + series("smartcloudops", "scratch", "NaN"));
        answer(VolumesCheck.FILLING, series("smartcloudops-monitoring", "data-elasticsearch-0", "-2.5e9")
                + "," + series("smartcloudops", "scratch", "-1"));

        List<Finding> findings = PrometheusFixtures.run(new VolumesCheck(prometheus.targets())).stream()
                .sorted(Comparator.comparing(f -> f.resource().name())).toList();

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("PROM-113");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("PersistentVolumeClaim", "smartcloudops-monitoring",
                    "data-elasticsearch-0"));
            assertThat(f.title()).isEqualTo("Volume smartcloudops-monitoring/data-elasticsearch-0 is 11.8% free");
            assertThat(f.detail()).isEqualTo("At the rate of the last 6 hours it is full within 4 days. From the "
                    + "kubelet's volume statistics on Prometheus prom.");
            assertThat(f.remediation()).contains("kubectl describe pvc data-elasticsearch-0 -n "
                    + "smartcloudops-monitoring");
        });
        assertThat(findings.get(1)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.title()).isEqualTo("Volume smartcloudops/smartcloudops-uploads is 2.1% free");
            assertThat(f.detail()).startsWith("It is not filling at the rate of the last 6 hours, but what is left "
                    + "is under 3 %.");
        });
    }

    @Test
    void aServerThatStopsAnsweringSkipsTheCheck() {
        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query",
                equalTo(VolumesCheck.LOW)).willReturn(WireMock.aResponse().withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> PrometheusFixtures.context(PrometheusFixtures.scope(java.time.Instant.now()),
                new VolumesCheck(prometheus.targets()), PrometheusFixtures.SERVER)
                .findings(new VolumesCheck(prometheus.targets()))).isInstanceOf(CheckSkippedException.class);
    }

    private void answer(String expression, String results) {
        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo(expression))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + results + "]}}")));
    }

    private static String series(String namespace, String claim, String value) {
        return "{\"metric\":{\"namespace\":\"" + namespace + "\",\"persistentvolumeclaim\":\"" + claim
                + "\",\"job\":\"kubelet\"},\"value\":[1764376320,\"" + value + "\"]}";
    }
}
