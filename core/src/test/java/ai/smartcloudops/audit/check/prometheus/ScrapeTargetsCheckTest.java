package ai.smartcloudops.audit.check.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ScrapeTargetsCheckTest {

    private final PrometheusFixtures prometheus = new PrometheusFixtures().demo();

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void aCriticalJobWhollyDownIsP0WithEachTargetsErrorAndASlowJobIsPROM102() throws Exception {
        List<Finding> findings = PrometheusFixtures.run(new ScrapeTargetsCheck(prometheus.targets(
                "servers[0].critical-jobs[0]", "smartcloudops-api")));

        assertThat(findings).extracting(f -> f.code().code()).containsExactly("PROM-102", "PROM-101");
        assertThat(findings.get(1)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.resource()).isEqualTo(new Resource("ScrapeJob", null, "smartcloudops-api"));
            assertThat(f.title()).isEqualTo("2 of 2 targets of scrape job smartcloudops-api are down on prom");
            assertThat(f.detail()).contains("100% of job smartcloudops-api (a critical job)")
                    .contains("10.0.1.23:5000: Get \"http://10.0.1.23:5000/api/metrics\": dial tcp 10.0.1.23:5000: "
                            + "connect: connection refused; 10.0.2.41:5000: Get")
                    .contains("context deadline exceeded");
            assertThat(f.remediation()).contains("curl -s " + prometheus.url() + "/api/v1/targets | jq --arg pool "
                    + "smartcloudops-api '.data.activeTargets[] | select(.scrapePool == $pool and .health != \"up\")");
        });
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P3);
            assertThat(f.resource()).isEqualTo(new Resource("ScrapeJob", null, "kube-state-metrics"));
            assertThat(f.title()).isEqualTo("1 targets of scrape job kube-state-metrics on prom take 80% or more of "
                    + "their scrape timeout");
            assertThat(f.detail()).contains("10.0.3.7:8080, took 9.187s of its 10s timeout");
        });
    }

    @Test
    void theSameJobNotConfiguredCriticalIsP1() throws Exception {
        assertThat(PrometheusFixtures.run(new ScrapeTargetsCheck(prometheus.targets())))
                .filteredOn(f -> f.code().code().equals("PROM-101")).extracting(Finding::severity)
                .containsExactly(Severity.P1);
    }

    @Test
    void aShareOfDownTargetsAtTheThresholdIsP2AndAboveItP1() throws Exception {
        assertThat(severityWithDown(1)).as("1 of 10 is 10%%, not more").isEqualTo(Severity.P2);
        assertThat(severityWithDown(2)).isEqualTo(Severity.P1);
    }

    @Test
    void healthyTargetsAndAScrapeJustUnderTheSlowShareRaiseNothing() throws Exception {
        ObjectNode body = PrometheusFixtures.demoBody("targets.json");
        for (var target : (ArrayNode) PrometheusFixtures.data(body).get("activeTargets")) {
            ((ObjectNode) target).put("health", "up").put("lastError", "").put("lastScrapeDuration", 7.99);
        }
        prometheus.serve("targets", body.toString());

        assertThat(PrometheusFixtures.run(new ScrapeTargetsCheck(prometheus.targets()))).isEmpty();
    }

    @Test
    void aDownJobIsToldToScrapeItsOwnTargetNotTheGuidesApplication() throws Exception {
        ObjectNode body = PrometheusFixtures.demoBody("targets.json");
        ArrayNode targets = (ArrayNode) PrometheusFixtures.data(body).get("activeTargets");
        ObjectNode target = (ObjectNode) targets.get(0).deepCopy();
        targets.removeAll();
        ((ObjectNode) target.get("labels")).put("job", "payments-api").put("instance", "10.0.4.7:8080");
        targets.add(target.put("scrapePool", "payments-api").put("health", "down").put("lastError", "EOF")
                .put("scrapeUrl", "http://10.0.4.7:8080/metrics?token=s3cret"));
        prometheus.serve("targets", body.toString());

        assertThat(PrometheusFixtures.run(new ScrapeTargetsCheck(prometheus.targets()))).singleElement()
                .satisfies(f -> {
                    assertThat(f.code().code()).isEqualTo("PROM-101");
                    assertThat(f.severity()).isEqualTo(Severity.P1);
                    assertThat(f.title()).isEqualTo("1 of 1 targets of scrape job payments-api are down on prom");
                    assertThat(f.remediation()).isEqualTo("""
                            curl -s %s/api/v1/targets | jq --arg pool payments-api '.data.activeTargets[] | \
                            select(.scrapePool == $pool and .health != "up") | {scrapeUrl, lastError}'
                            # the first of them, scraped as Prometheus does (from where Prometheus runs, for an \
                            in-cluster address)
                            curl -sS --max-time 10 'http://10.0.4.7:8080/metrics?token=****' | head -20
                            # Prometheus prom as the guide deploys it: deployment prometheus in namespace \
                            smartcloudops-monitoring, configured from monitoring/prometheus/
                            kubectl get pods -n smartcloudops-monitoring -l app.kubernetes.io/name=prometheus
                            kubectl logs deployment/prometheus -n smartcloudops-monitoring
                            kubectl apply -f monitoring/prometheus/prometheus-config.yaml
                            kubectl rollout restart deployment/prometheus -n smartcloudops-monitoring"""
                            .formatted(prometheus.url()));
                    assertThat(f.remediation()).doesNotContain("smartcloudops-api").doesNotContain("s3cret");
                });
    }

    /** Job node-exporter with 10 targets, {@code down} of them down; every other target up. */
    private Severity severityWithDown(int down) throws Exception {
        ObjectNode body = PrometheusFixtures.demoBody("targets.json");
        ArrayNode targets = (ArrayNode) PrometheusFixtures.data(body).get("activeTargets");
        ObjectNode template = (ObjectNode) targets.get(4).deepCopy();
        targets.removeAll();
        for (int i = 0; i < 10; i++) {
            ObjectNode t = template.deepCopy();
            ((ObjectNode) t.get("labels")).put("instance", "10.0.9." + i + ":9100");
            t.put("health", i < down ? "down" : "up").put("lastError", i < down ? "connection refused" : "");
            targets.add(t);
        }
        prometheus.serve("targets", body.toString());
        return PrometheusFixtures.run(new ScrapeTargetsCheck(prometheus.targets())).stream()
                .filter(f -> f.code().code().equals("PROM-101")).findFirst().orElseThrow().severity();
    }
}
