package ai.smartcloudops.audit.check.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ServerStatusCheckTest {

    private static final Resource SERVER = new Resource("Prometheus", null, PrometheusFixtures.SERVER);

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void noAlertmanagerAFailedReloadAndTooManySeriesAreEachAFinding() throws Exception {
        List<Finding> findings = PrometheusFixtures.run(new ServerStatusCheck(prometheus.targets()));

        assertThat(findings).extracting(f -> f.code().code()).containsExactly("PROM-105", "PROM-106", "PROM-107");
        assertThat(findings).extracting(Finding::resource).containsOnly(SERVER);
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.P1, Severity.P2, Severity.P3);
        assertThat(findings.get(0).title()).isEqualTo("Prometheus prom sends its alerts to no Alertmanager");
        assertThat(findings.get(0).detail()).startsWith("/api/v1/alertmanagers lists no active Alertmanager "
                + "(1 dropped); 2 alerting rules are evaluated");
        assertThat(findings.get(0).remediation()).contains("curl -s " + prometheus.url() + "/api/v1/alertmanagers");
        assertThat(findings.get(1).title()).isEqualTo("Prometheus prom failed to reload its configuration");
        assertThat(findings.get(1).detail()).contains("loaded at 2026-11-20T08:14:02Z");
        assertThat(findings.get(2).title()).isEqualTo("Prometheus prom holds 2345678 series in its head block");
        assertThat(findings.get(2).detail()).contains("above 2000000; the most: "
                + "flask_request_duration_seconds_bucket 1562880, container_memory_working_set_bytes 201344, "
                + "kube_pod_container_status_restarts_total 88412.");
    }

    @Test
    void anActiveAlertmanagerASuccessfulReloadAndSeriesAtTheThresholdRaiseNothing() throws Exception {
        prometheus.serve("alertmanagers", "{\"status\":\"success\",\"data\":{\"activeAlertmanagers\":[{\"url\":"
                + "\"http://10.0.4.12:9093/api/v2/alerts\"}],\"droppedAlertmanagers\":[]}}");
        ObjectNode runtime = PrometheusFixtures.demoBody("runtimeinfo.json");
        PrometheusFixtures.data(runtime).put("reloadConfigSuccess", true);
        prometheus.serve("status/runtimeinfo", runtime.toString());

        assertThat(PrometheusFixtures.run(new ServerStatusCheck(prometheus.targets("thresholds.tsdb-series",
                "2345678")))).isEmpty();
        assertThat(PrometheusFixtures.run(new ServerStatusCheck(prometheus.targets("thresholds.tsdb-series",
                "2345677")))).extracting(f -> f.code().code()).containsExactly("PROM-107");
    }
}
