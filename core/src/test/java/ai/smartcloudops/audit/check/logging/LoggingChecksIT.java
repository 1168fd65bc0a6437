package ai.smartcloudops.audit.check.logging;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoLogging;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job through the command line against the demo's faulty Elasticsearch clusters and Fluentd, beside an
 * Elasticsearch that answers 500: that one is one AUDIT-903, the others are audited, and the run completes.
 */
class LoggingChecksIT {

    @TempDir
    Path tmp;

    @Test
    void everyFaultIsStoredAndABrokenClusterIsOneAudit903() throws Exception {
        WireMockServer broken = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        broken.start();
        broken.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500).withBody("upstream connect error")));
        try (DemoLogging logging = DemoLogging.start()) {
            Path config = Files.writeString(tmp.resolve("logging.yml"), """
                    health-audit:
                      logging:
                        elasticsearch:
                          - {name: %s, url: "%s", timeout: 5s}
                          - {name: %s, url: "%s", timeout: 5s}
                          - {name: elasticsearch-archive, url: "%s", timeout: 5s}
                        fluentd:
                          - {name: %s, url: "%s", timeout: 5s, thresholds: {slow-flushes: 1}}
                    """.formatted(DemoLogging.CLUSTER, logging.url("/red"), DemoLogging.WARM, logging.url("/yellow"),
                    broken.baseUrl(), DemoLogging.FLUENTD, logging.url("/fluentd")));
            String store = TestDatabase.newDatabase();

            CliRun run = CliRun.of("run", "nightly", "--only", "logging", "--config", config.toString(), "--store",
                    store, "--out", tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            List<String> expected = new ArrayList<>();
            DemoLogging.FAULTS.forEach((code, resources) -> {
                for (String resource : resources.split(", ")) {
                    expected.add(code + " " + resource);
                }
            });
            expected.add("AUDIT-903 Target/elasticsearch-archive");
            assertThat(rows(store, "SELECT code || ' ' || resource_kind || '/' || resource_name FROM finding"))
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(rows(store, "SELECT evidence FROM finding WHERE code = 'AUDIT-903'")).singleElement()
                    .asString().contains("GET " + broken.baseUrl() + "/_cluster/health: HTTP 500: upstream connect error");
            assertThat(rows(store, "SELECT status FROM audit_run")).containsExactly("COMPLETED");
        } finally {
            broken.stop();
        }
    }
}
