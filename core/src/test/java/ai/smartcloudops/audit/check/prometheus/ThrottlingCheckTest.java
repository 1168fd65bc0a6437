package ai.smartcloudops.audit.check.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThrottlingCheckTest {

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void aContainerThrottledInMoreThanAQuarterOfItsPeriodsIsPROM114() throws Exception {
        prometheus.wiremock.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query",
                equalTo(ThrottlingCheck.QUERY)).willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":"
                + "\"vector\",\"result\":[" + series("smartcloudops-ml-8c9d0e1f2a-p6q7r", "smartcloudops-ml", "0.621")
                // a series without its container, and a ratio of no periods
                + ",{\"metric\":{\"namespace\":\"smartcloudops\",\"pod\":\"x\"},\"value\":[1764376320,\"0.9\"]}"
                + "," + series("idle-0", "idle", "NaN") + "]}}")));

        assertThat(PrometheusFixtures.run(new ThrottlingCheck(prometheus.targets()))).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("PROM-114");
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("Container", "smartcloudops",
                    "smartcloudops-ml-8c9d0e1f2a-p6q7r/smartcloudops-ml"));
            assertThat(f.title()).isEqualTo("Container smartcloudops-ml of pod smartcloudops/"
                    + "smartcloudops-ml-8c9d0e1f2a-p6q7r is CPU-throttled in 62% of its periods");
            assertThat(f.remediation()).contains("kubectl top pod smartcloudops-ml-8c9d0e1f2a-p6q7r -n smartcloudops "
                    + "--containers");
        });
    }

    private static String series(String pod, String container, String value) {
        return "{\"metric\":{\"namespace\":\"smartcloudops\",\"pod\":\"" + pod + "\",\"container\":\"" + container
                + "\"},\"value\":[1764376320,\"" + value + "\"]}";
    }
}
