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
import java.util.concurrent.atomic.AtomicInteger;
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
        AtomicInteger scrapes = new AtomicInteger();
        live.createContext("/metrics", exchange -> {
            // and a kubelet's volume statistics: one claim 2 % free; and the API's own metrics, growing by 100
            // requests a scrape, 5 of them answered 500, and 1,000 failed logins
            byte[] body = ("# HELP demo_up A live target.\n# TYPE demo_up gauge\ndemo_up 1\n"
                    + "kubelet_volume_stats_available_bytes{namespace=\"smartcloudops\",persistentvolumeclaim="
                    + "\"data-rabbitmq-0\"} 2e+08\n"
                    + "kubelet_volume_stats_capacity_bytes{namespace=\"smartcloudops\",persistentvolumeclaim="
                    + "\"data-rabbitmq-0\"} 1e+10\n" + api(scrapes.incrementAndGet()))
                    .getBytes(StandardCharsets.UTF_8);
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
            // rate() over the API's counters needs two of their samples, and a third keeps it from the edge
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (scrapes.get() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Path audit = tmp.resolve("audit.yml");
            Files.writeString(audit, """
                    health-audit:
                      prometheus:
                        servers:
                          - name: monitoring
                            url: %s
                            timeout: 5s
                            critical-jobs: [smartcloudops-api]
                    %s""".formatted(url, shippedQueries()));
            String store = TestDatabase.newDatabase();

            CliRun run = CliRun.of("run", "nightly", "--only", "prometheus", "--config", audit.toString(),
                    "--store", store, "--out", tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            // the production example's PromQL checks on the API's metrics
            assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || resource_name || ' ' || title "
                    + "FROM finding WHERE run_id = 1 AND check_id = 'prometheus.queries' ORDER BY resource_name"))
                    .satisfiesExactly(
                            r -> assertThat(r).startsWith("PROM-112 P1 api-5xx-ratio api-5xx-ratio on monitoring "
                                    + "is 0.05"),
                            r -> assertThat(r).startsWith("PROM-110 P2 api-p95-latency Latency api-p95-latency on "
                                    + "monitoring is 2.7"),
                            r -> assertThat(r).startsWith("PROM-110 P2 api-p99-latency Latency api-p99-latency on "
                                    + "monitoring is 7.5"),
                            r -> assertThat(r).startsWith("PROM-111 P1 auth-failure-rate Authentication failures "
                                    + "auth-failure-rate on monitoring are "));
            assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || resource_kind || '/' || resource_name "
                    + "FROM finding WHERE run_id = 1 AND check_id <> 'prometheus.queries' ORDER BY code"))
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

    /**
     * The API's metrics after {@code scrape} scrapes: per scrape 95 requests answered 200 and 5 answered 500, spread
     * so that the p95 of the 200s is about 2.7 s and the p99 of all is 7.5 s; and 1,000 failed logins, so that
     * rate() over 5 minutes, which divides by the whole range, is above 1 per second after a few scrapes.
     */
    private static String api(int scrape) {
        StringBuilder out = new StringBuilder("# TYPE flask_request_duration_seconds histogram\n");
        String[] bounds = {"0.5", "1", "2.5", "5", "10", "+Inf"};
        int[][] cumulative = {{76, 85, 90, 93, 95, 95}, {4, 5, 5, 5, 5, 5}};
        String[] statuses = {"200", "500"};
        for (int s = 0; s < statuses.length; s++) {
            String labels = "method=\"GET\",status=\"" + statuses[s] + "\"";
            for (int b = 0; b < bounds.length; b++) {
                out.append("flask_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(bounds[b])
                        .append("\"} ").append((long) cumulative[s][b] * scrape).append('\n');
            }
            int count = cumulative[s][bounds.length - 1];
            out.append("flask_request_duration_seconds_sum{").append(labels).append("} ").append(count * scrape)
                    .append('\n').append("flask_request_duration_seconds_count{").append(labels).append("} ")
                    .append((long) count * scrape).append('\n');
        }
        return out.append("# TYPE authentication_failures_total counter\nauthentication_failures_total ")
                .append(1000L * scrape).append('\n').toString();
    }

    /** The {@code queries} block of the production example, as it stands under {@code prometheus}. */
    private static String shippedQueries() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("config/examples/smartcloudops-prod.yml"));
        int from = lines.indexOf("    queries:");
        assertThat(from).as("queries in the production example").isNotNegative();
        StringBuilder block = new StringBuilder();
        for (int i = from; i < lines.size() && (i == from || lines.get(i).startsWith("     ")); i++) {
            block.append(lines.get(i)).append('\n');
        }
        return block.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
