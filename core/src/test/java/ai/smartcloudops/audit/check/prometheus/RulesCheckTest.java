package ai.smartcloudops.audit.check.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RulesCheckTest {

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void aRuleWithHealthErrIsPROM104NamingItsGroupAndError() throws Exception {
        assertThat(PrometheusFixtures.run(new RulesCheck(prometheus.targets()))).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("PROM-104");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Rule", null, "smartcloudops-api/APIErrorRateHigh"));
            assertThat(f.title()).isEqualTo("Alerting rule smartcloudops-api/APIErrorRateHigh fails to evaluate on "
                    + "prom");
            assertThat(f.detail()).startsWith("Rule APIErrorRateHigh of group smartcloudops-api "
                    + "(/etc/prometheus/rules/smartcloudops.yml) has health err: found duplicate series");
            assertThat(f.remediation()).contains("curl -s " + prometheus.url() + "/api/v1/rules | jq --arg group "
                    + "smartcloudops-api '.data.groups[] | select(.name == $group) | .rules[] | select(.health == \"err\")'");
        });
    }

    @Test
    void healthyRulesRaiseNothing() throws Exception {
        ObjectNode body = PrometheusFixtures.demoBody("rules.json");
        body.get("data").get("groups").get(0).get("rules").forEach(r -> ((ObjectNode) r).put("health", "ok"));
        prometheus.serve("rules", body.toString());
        assertThat(PrometheusFixtures.run(new RulesCheck(prometheus.targets()))).isEmpty();
    }
}
