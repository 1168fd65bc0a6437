package ai.smartcloudops.audit.run;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.cli.JarProcess.Result;
import ai.smartcloudops.audit.demo.DemoLogging;
import ai.smartcloudops.audit.demo.DemoPrometheus;
import ai.smartcloudops.audit.demo.LocalKubeconfig;
import ai.smartcloudops.audit.net.HostileServer;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, in a 256 MB heap, audits an estate where every HTTP answer that can go wrong does, beside the
 * same servers answering cleanly: NUL bytes, lone surrogates and invalid UTF-8 in Prometheus, Fluentd and an error
 * page; an endless chunked body, a 1 GB body, a body without a length, a gzip bomb, a body trickling one byte every
 * 2 s, a server that never answers, headers trickled a byte at a time, a TLS handshake that never finishes, a
 * Kubernetes API server whose certificate nothing trusts, and a Slack webhook whose answer never ends. The run completes within its timeouts, each hostile target is one finding
 * naming it and the limit, the dirty servers are audited exactly like the clean ones, and no notification is lost.
 */
class HostileEstateIT {

    /** Stands for a 0xFF byte, which no UTF-8 text holds, in a body to serve. */
    private static final String RAW_FF = "<0xFF>";

    @TempDir
    Path tmp;

    private HostileServer hostile;
    private final List<WireMockServer> stubs = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        hostile = new HostileServer();
    }

    @AfterEach
    void stop() throws Exception {
        hostile.close();
        stubs.forEach(WireMockServer::stop);
    }

    @Test
    void aHostileEstateIsAuditedWithinItsLimitsAndLosesNothing() throws Exception {
        WireMockServer promClean = prometheus(UnaryOperator.identity());
        // Prometheus escapes control characters in JSON; a lone surrogate escape and a raw 0xFF byte are also legal
        // for a broken exporter's label to carry through
        WireMockServer promDirty = prometheus(body -> body.replace("\"lastError\": \"Get ",
                "\"lastError\": \"\\u0000NUL\\ud800 " + RAW_FF + " Get "));
        WireMockServer fluentdClean = fluentd(UnaryOperator.identity());
        WireMockServer fluentdDirty = fluentd(body -> body.replace("\"type\": \"elasticsearch\"",
                "\"type\": \"elastic\\u0000search\\udc00\""));
        WireMockServer errorPage = stub();
        errorPage.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(502).withBody(
                "bad\0gateway \u001b[31m<script>x</script>".getBytes(StandardCharsets.UTF_8))));
        WireMockServer untrusted = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .dynamicHttpsPort());
        untrusted.start();
        stubs.add(untrusted);
        Path kubeconfig = LocalKubeconfig.write(tmp.resolve("kubeconfig"), "untrusted-api",
                "https://127.0.0.1:" + untrusted.httpsPort());
        String store = TestDatabase.newDatabase();
        Path config = Files.writeString(tmp.resolve("hostile.yml"), """
                health-audit:
                  kubernetes:
                    clusters:
                      - {name: untrusted-api, kubeconfig: "%s", request-timeout: 2s}
                  prometheus:
                    servers:
                      - {name: prom-clean, url: "%s", timeout: 2s}
                      - {name: prom-dirty, url: "%s", timeout: 2s}
                      - {name: prom-endless, url: "%s", timeout: 2s}
                      - {name: prom-huge, url: "%s", timeout: 2s}
                      - {name: prom-gzip, url: "%s", timeout: 2s}
                      - {name: prom-slow, url: "%s", timeout: 2s}
                      - {name: prom-silent, url: "%s", timeout: 2s}
                  logging:
                    elasticsearch:
                      - {name: es-unannounced, url: "%s", timeout: 2s}
                      - {name: es-error-page, url: "%s", timeout: 2s}
                    fluentd:
                      - {name: fluentd-clean, url: "%s", timeout: 2s}
                      - {name: fluentd-dirty, url: "%s", timeout: 2s}
                  app:
                    connect-timeout: 1s
                    read-timeout: 1s
                    services:
                      - {name: trickling-api, urls: {health: "%s"}}
                  tls:
                    connect-timeout: 1s
                    handshake-timeout: 2s
                    endpoints:
                      - {name: never-handshakes, host: 127.0.0.1, port: %d, server-name: api.example.com}
                  notify:
                    slack:
                      webhook-url: "%s"
                      digest-above: 50   # one message per finding, each of which must stay pending
                    dispatch: {attempts: 2, backoff: 100ms, timeout: 2s}
                """.formatted(kubeconfig, promClean.baseUrl(), promDirty.baseUrl(), hostile.url("/endless"),
                hostile.url("/huge"), hostile.url("/gzip-bomb"), hostile.url("/slow-body"), hostile.url("/silent"),
                hostile.url("/unannounced"), errorPage.baseUrl(), fluentdClean.baseUrl() + "/fluentd",
                fluentdDirty.baseUrl() + "/fluentd", hostile.url("/slow-headers"), hostile.tlsPort(),
                hostile.url("/endless/services/T000/B000/XXXX")));

        long started = System.nanoTime();
        Result run = JarProcess.run(JarProcess.of(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + tmp),
                List.of("run", "nightly", "--only", "kubernetes,prometheus,logging,app,tls", "--config", config.toString(),
                        "--store", store, "--out", tmp.resolve("out").toString())), Duration.ofSeconds(150));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String printed = run.output();

        assertThat(run.exitCode()).as(printed).isZero();
        // start-up, then about one 2 s timeout per hostile target on the sweep's pool of 4
        assertThat(took).as(printed).isLessThan(Duration.ofSeconds(90));
        assertThat(rows(store, "SELECT status FROM audit_run")).containsExactly("COMPLETED");
        assertThat(rows(store, "SELECT step_name || ' ' || status FROM batch_step_execution ORDER BY step_name"))
                .containsExactly("nightly.diff COMPLETED", "nightly.escalate COMPLETED", "nightly.join COMPLETED",
                        "nightly.notify COMPLETED", "nightly.publish COMPLETED", "nightly.report COMPLETED",
                        "nightly.sweep COMPLETED");

        // each hostile target: one finding naming it and the limit that stopped the read
        assertThat(rows(store, "SELECT code || ' ' || target || ': ' || (evidence::json->>'error') FROM finding "
                + "WHERE code LIKE 'AUDIT-%' ORDER BY target")).satisfiesExactly(
                        r -> assertThat(r).startsWith("AUDIT-903 es-error-page: GET " + errorPage.baseUrl()
                                + "/_cluster/health: HTTP 502: bad\uFFFDgateway \uFFFD[31m<script>x</script>"),
                        r -> assertThat(r).startsWith("AUDIT-906 es-unannounced: GET ")
                                .endsWith("over the cap of 4MB (health-audit.http.max-body)"),
                        r -> assertThat(r).startsWith("AUDIT-906 prom-endless: GET ")
                                .endsWith("body over the cap of 4MB (health-audit.http.max-body)"),
                        r -> assertThat(r).startsWith("AUDIT-903 prom-gzip: GET ")
                                .contains("not JSON (Content-Encoding gzip, which the audit does not ask for)"),
                        r -> assertThat(r).startsWith("AUDIT-906 prom-huge: GET ").endsWith("body of 1073741824 bytes "
                                + "(Content-Length) is over the cap of 4MB (health-audit.http.max-body)"),
                        r -> assertThat(r).startsWith("AUDIT-903 prom-silent: GET ").endsWith("no answer within 2s"),
                        r -> assertThat(r).startsWith("AUDIT-906 prom-slow: GET ")
                                .endsWith("answer not complete within 2s (body still arriving at the deadline)"),
                        // one finding for the cluster, not one per check
                        r -> assertThat(r).startsWith("AUDIT-903 untrusted-api: API server https://127.0.0.1:"
                                + untrusted.httpsPort() + "/ cannot be reached: ").contains("certification path"));
        assertThat(rows(store, "SELECT code || ' ' || title || ' ' || detail || evidence FROM finding "
                + "WHERE target = 'trickling-api'")).singleElement().asString()
                .startsWith("APP-102 Service trickling-api is down")
                .contains("no complete response within 2s (connect and read timeouts together)");
        assertThat(rows(store, "SELECT code || ' ' || title FROM finding WHERE resource_name = 'never-handshakes'"))
                .singleElement().asString().startsWith("TLS-101 ").endsWith("no TLS handshake within 2000ms");

        // the dirty servers are audited exactly like the clean ones, their text cleaned
        assertThat(findingsOf(store, "prom-dirty")).isNotEmpty().isEqualTo(findingsOf(store, "prom-clean"));
        assertThat(codesOf(store, "fluentd-dirty")).isNotEmpty().isEqualTo(codesOf(store, "fluentd-clean"));
        assertThat(rows(store, "SELECT count(*) FROM finding WHERE target IN ('prom-dirty', 'fluentd-dirty') "
                + "AND (title || detail || evidence || resource_name) LIKE '%\uFFFD%'")).doesNotContain("0");
        assertThat(rows(store, "SELECT count(*) FROM finding WHERE (title || detail || evidence || remediation "
                + "|| resource_name) ~ '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f]'")).containsExactly("0");

        // Slack's answer never ends: every P0/P1 notification is kept pending for the next run, none lost
        List<String> urgent = rows(store, "SELECT fingerprint FROM finding WHERE severity IN ('P0', 'P1')");
        assertThat(urgent).isNotEmpty();
        assertThat(rows(store, "SELECT fingerprint FROM notification_outbox WHERE channel = 'slack' "
                + "AND status = 'pending'")).containsExactlyInAnyOrderElementsOf(urgent);
        assertThat(rows(store, "SELECT DISTINCT last_error FROM notification_outbox WHERE channel = 'slack' "
                + "AND last_error IS NOT NULL"))
                .singleElement().asString().endsWith("body over the cap of 4MB (health-audit.http.max-body)")
                .doesNotContain("T000/B000/XXXX");
        assertThat(printed).doesNotContain("OutOfMemoryError").doesNotContain("T000/B000/XXXX");
    }

    private static List<String> findingsOf(String store, String target) throws Exception {
        return rows(store, "SELECT code || ' ' || severity || ' ' || resource_kind || '/' "
                + "|| replace(resource_name, target, '<server>') FROM finding WHERE target = '" + target + "' ORDER BY 1");
    }

    private static List<String> codesOf(String store, String target) throws Exception {
        return rows(store, "SELECT code || ' ' || severity FROM finding WHERE target = '" + target + "' ORDER BY 1");
    }

    private WireMockServer stub() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        stubs.add(server);
        return server;
    }

    /** A Prometheus serving the demo's answers, changed by {@code change}. */
    private WireMockServer prometheus(UnaryOperator<String> change) {
        WireMockServer server = stub();
        for (String path : List.of("targets", "alerts", "rules", "alertmanagers", "status/runtimeinfo",
                "status/tsdb")) {
            String body = change.apply(DemoPrometheus.body(path.replace("status/", "") + ".json"));
            server.stubFor(get(urlPathEqualTo("/api/v1/" + path)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(bytes(body))));
        }
        server.stubFor(get(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")));
        return server;
    }

    private static byte[] bytes(String body) {
        String[] parts = body.split(RAW_FF, -1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
            if (i < parts.length - 1) {
                out.write(0xFF);
            }
        }
        return out.toByteArray();
    }

    /** A Fluentd monitor_agent serving the demo's answer, changed by {@code change}. */
    private WireMockServer fluentd(UnaryOperator<String> change) {
        WireMockServer server = stub();
        String body = change.apply(DemoLogging.body("fluentd-plugins.json", Instant.now()));
        server.stubFor(get(urlPathEqualTo("/fluentd/api/plugins.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body.getBytes(StandardCharsets.UTF_8))));
        return server;
    }
}
