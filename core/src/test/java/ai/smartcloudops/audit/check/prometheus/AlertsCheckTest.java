package ai.smartcloudops.audit.check.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class AlertsCheckTest {

    /** APIHighLatency's activeAt in alerts.json. */
    private static final Instant ACTIVE_AT = Instant.parse("2026-11-28T21:04:33.102891246Z");

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void aCriticalAlertFiringLongerThanTheThresholdIsP0AndAPendingOneIsNothing() throws Exception {
        assertThat(PrometheusFixtures.run(new AlertsCheck(prometheus.targets()),
                ACTIVE_AT.plus(Duration.ofHours(3).plusMinutes(27)))).singleElement().satisfies(f -> {
                    assertThat(f.code().code()).isEqualTo("PROM-103");
                    assertThat(f.severity()).isEqualTo(Severity.P0);
                    assertThat(f.resource()).isEqualTo(new Resource("Alert", null, "APIHighLatency"));
                    assertThat(f.title()).isEqualTo("Alert APIHighLatency has been firing for 3h 27m on prom");
                    assertThat(f.detail()).isEqualTo("1 series of alert APIHighLatency (severity label critical) "
                            + "firing, the oldest since " + ACTIVE_AT + ", longer than 15m: API p95 latency above 2s");
                    assertThat(f.remediation()).contains("curl -s " + prometheus.url() + "/api/v1/alerts | jq --arg alert "
                            + "APIHighLatency '.data.alerts[] | select(.labels.alertname == $alert)'")
                            // its series name no namespace: the events of all
                            .endsWith("kubectl get events --sort-by=.metadata.creationTimestamp --all-namespaces");
                });
    }

    @Test
    void theEventsOfAnAlertWhoseSeriesNameOneNamespaceAreThatNamespaces() throws Exception {
        ObjectNode body = PrometheusFixtures.demoBody("alerts.json");
        for (JsonNode alert : PrometheusFixtures.data(body).get("alerts")) {
            ((ObjectNode) alert).put("state", "firing");
            ((ObjectNode) alert.get("labels")).put("namespace", "payments").put("alertname", "PaymentsDown");
        }
        prometheus.serve("alerts", body.toString());

        assertThat(PrometheusFixtures.run(new AlertsCheck(prometheus.targets()),
                ACTIVE_AT.plus(Duration.ofHours(4)))).singleElement().satisfies(f -> assertThat(f.remediation())
                .endsWith("kubectl get events --sort-by=.metadata.creationTimestamp -n payments"));
    }

    @Test
    void anAlertFiringExactlyTheThresholdCountsAndOneSecondLessDoesNot() throws Exception {
        assertThat(PrometheusFixtures.run(new AlertsCheck(prometheus.targets()), ACTIVE_AT.plus(Duration.ofMinutes(15))))
                .hasSize(1);
        assertThat(PrometheusFixtures.run(new AlertsCheck(prometheus.targets()),
                ACTIVE_AT.plus(Duration.ofMinutes(15)).minusSeconds(1))).isEmpty();
        assertThat(PrometheusFixtures.run(new AlertsCheck(prometheus.targets("thresholds.alert-firing-for", "4h")),
                ACTIVE_AT.plus(Duration.ofHours(3)))).isEmpty();
    }

    @Test
    void theSeverityLabelMapsToTheGuidesScaleAndTheWorstSeriesOfAnAlertCounts() throws Exception {
        assertThat(PrometheusCode.PROM_103.severity(AlertsCheck.gradeOf("critical"))).isEqualTo(Severity.P0);
        assertThat(PrometheusCode.PROM_103.severity(AlertsCheck.gradeOf("high"))).isEqualTo(Severity.P1);
        assertThat(PrometheusCode.PROM_103.severity(AlertsCheck.gradeOf("warning"))).isEqualTo(Severity.P2);
        assertThat(PrometheusCode.PROM_103.severity(AlertsCheck.gradeOf("info"))).isEqualTo(Severity.P3);
        assertThat(PrometheusCode.PROM_103.severity(AlertsCheck.gradeOf("P1"))).isEqualTo(Severity.P1);
        assertThat(PrometheusCode.PROM_103.severity(AlertsCheck.gradeOf(null))).isEqualTo(Severity.P2);
        assertThat(PrometheusCode.PROM_103.severity(AlertsCheck.gradeOf("bogus"))).isEqualTo(Severity.P2);

        ObjectNode body = PrometheusFixtures.demoBody("alerts.json");
        ArrayNode alerts = (ArrayNode) PrometheusFixtures.data(body).get("alerts");
        ObjectNode memory = (ObjectNode) alerts.get(1);
        memory.put("state", "firing");
        ObjectNode second = memory.deepCopy();
        ((ObjectNode) second.get("labels")).put("severity", "info").put("pod", "smartcloudops-api-7d9f8b6c5-m4zlw");
        second.put("activeAt", "2026-11-28T20:00:00Z");
        alerts.add(second);
        prometheus.serve("alerts", body.toString());

        assertThat(PrometheusFixtures.run(new AlertsCheck(prometheus.targets()), Instant.parse("2026-11-29T01:00:00Z")))
                .filteredOn(f -> f.resource().name().equals("HighMemoryUsage")).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.P2);
                    assertThat(f.evidence()).containsEntry("count", "2").containsEntry("severityLabel", "warning")
                            .containsEntry("since", "2026-11-28T20:00:00Z").containsEntry("firingFor", "5h");
                });
    }

    @Test
    void noAlertsRaiseNothing() throws Exception {
        prometheus.serve("alerts", "{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
        assertThat(PrometheusFixtures.run(new AlertsCheck(prometheus.targets()))).extracting(Finding::code).isEmpty();
    }
}
