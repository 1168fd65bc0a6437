package ai.smartcloudops.audit.check.prometheus;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.store.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job through the command line against a real Prometheus (Debian's package, 2.x) scraping one live
 * target and one closed port; and against a Prometheus that is not there.
 */
class PrometheusChecksIT {

    @TempDir
    Path tmp;

    private static Optional<Path> binary() {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                        Stream.of("/usr/bin")).map(dir -> Path.of(dir, "prometheus")).filter(Files::isExecutable)
                .findFirst();
    }

    @Test
    void aRealPrometheusReportsTheClosedPortsJobDown() throws Exception {
        Optional<Path> prometheus = binary();
        assumeTrue(prometheus.isPresent(), "no prometheus binary on PATH: install Debian's prometheus package "
                + "(.ci/run does) to run the real-Prometheus test");
        HttpServer live = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        live.createContext("/metrics", exchange -> {
            // and a kubelet's volume statistics: one claim 2 % free
            byte[] body = ("# HELP demo_up A live target.\n# TYPE demo_up gauge\ndemo_up 1\n"
                    + "kubelet_volume_stats_available_bytes{namespace=\"smartcloudops\",persistentvolumeclaim="
                    + "\"data-rabbitmq-0\"} 2e+08\n"
                    + "kubelet_volume_stats_capacity_bytes{namespace=\"smartcloudops\",persistentvolumeclaim="
                    + "\"data-rabbitmq-0\"} 1e+10\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        live.start();
        int closed = freePort();
        int port = freePort();
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: live
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: smartcloudops-api
                    metrics_path: /api/metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(live.getAddress().getPort(), closed));
        Process process = new ProcessBuilder(prometheus.get().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
        try {
            String url = "http://127.0.0.1:" + port;
            awaitScrapes(url, process);
            Path audit = tmp.resolve("audit.yml");
            Files.writeString(audit, """
                    health-audit:
                      prometheus:
                        servers:
                          - name: monitoring
                            url: %s
                            timeout: 5s
                            critical-jobs: [smartcloudops-api]
                    """.formatted(url));
            String store = TestDatabase.newDatabase();

            CliRun run = CliRun.of("run", "nightly", "--only", "prometheus", "--config", audit.toString(),
                    "--store", store, "--out", tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || resource_kind || '/' || resource_name "
                    + "FROM finding WHERE run_id = 1 ORDER BY code"))
                    .containsExactly("PROM-101 P0 ScrapeJob/smartcloudops-api", "PROM-105 P1 Prometheus/monitoring",
                            "PROM-113 P1 PersistentVolumeClaim/data-rabbitmq-0");
            assertThat(rows(store, "SELECT title FROM finding WHERE run_id = 1 AND code = 'PROM-113'"))
                    .containsExactly("Volume smartcloudops/data-rabbitmq-0 is 2.0% free");
            assertThat(rows(store, "SELECT detail FROM finding WHERE run_id = 1 AND code = 'PROM-101'"))
                    .singleElement().satisfies(detail -> assertThat(detail).contains("127.0.0.1:" + closed + ": Get "
                            + "\"http://127.0.0.1:" + closed + "/api/metrics\"").contains("connection refused"));
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            live.stop(0);
        }
    }

    @Test
    void aPrometheusThatIsNotThereIsOneAudit903AndTheRunCompletes() throws Exception {
        int closed = freePort();
        Path audit = tmp.resolve("audit.yml");
        Files.writeString(audit, """
                health-audit:
                  prometheus:
                    servers:
                      - name: monitoring
                        url: http://127.0.0.1:%d
                        timeout: 2s
                    queries:
                      - {name: p95, expression: up, code: PROM-110, threshold: 2}
                """.formatted(closed));
        String store = TestDatabase.newDatabase();

        CliRun run = CliRun.of("run", "nightly", "--only", "prometheus", "--config", audit.toString(), "--store",
                store, "--out", tmp.resolve("out").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(rows(store, "SELECT code || ' ' || resource_kind || '/' || resource_name || ' ' || title "
                + "FROM finding WHERE run_id = 1")).containsExactly("AUDIT-903 Target/monitoring Target monitoring "
                + "is unreachable");
        assertThat(rows(store, "SELECT check_id || ' ' || status FROM check_execution WHERE run_id = 1 ORDER BY "
                + "check_id")).containsExactly("prometheus.alerts skipped", "prometheus.cpu-throttling skipped",
                "prometheus.queries skipped", "prometheus.rules skipped", "prometheus.server skipped",
                "prometheus.targets skipped", "prometheus.volumes skipped");
    }

    /** Until the closed port's target is down and the live one up, for at most 20 seconds. */
    private static void awaitScrapes(String url, Process process) throws Exception {
        PrometheusApi api = PrometheusApi.of(url, Duration.ofSeconds(2), HttpLimits.DEFAULT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "not started";
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("prometheus exited").isTrue();
            try {
                List<PrometheusApi.ScrapeTarget> targets = api.targets();
                last = targets.toString();
                if (targets.stream().anyMatch(t -> t.scrapePool().equals("smartcloudops-api")
                        && t.health().equals("down")) && targets.stream().anyMatch(t -> t.scrapePool().equals("live")
                        && t.health().equals("up"))) {
                    return;
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no scrape within 20s: " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
