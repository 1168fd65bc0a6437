package ai.smartcloudops.audit.check.app;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.demo.DemoHttpServer.Response;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job through the command line against loopback endpoints: up, 503, blackholed, all down, slow. */
class AppChecksIT {

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    @Test
    void theNightlyJobStoresTheFaultsOfTheHealthUrls() throws Exception {
        Issued expired = DemoCertificates.selfSigned(Spec.server("api.example.test", Instant.now(),
                Duration.ofDays(1)).valid(Instant.now().minus(Duration.ofDays(10)), Instant.now().minusSeconds(60)));
        DemoHttpServer ok = keep(DemoHttpServer.http(Response.OK));
        DemoHttpServer tls = keep(DemoHttpServer.https(Response.OK, expired.chain(), expired.key()));
        DemoHttpServer unavailable = keep(DemoHttpServer.http(new Response(503, Duration.ZERO)));
        DemoHttpServer error = keep(DemoHttpServer.http(new Response(500, Duration.ZERO)));
        DemoHttpServer slow = keep(DemoHttpServer.http(new Response(200, Duration.ofMillis(400))));
        DemoBlackhole hole = keep(DemoBlackhole.start());
        int closed = AvailabilityCheckTest.closedPort();
        Path config = tmp.resolve("app.yml");
        Files.writeString(config, """
                health-audit:
                  app:
                    connect-timeout: 1s
                    read-timeout: 1s
                    services:
                      - name: smartcloudops-api
                        urls:
                          replica-1: %s
                          replica-2: %s
                          replica-3: %s
                          replica-4: %s
                      - name: smartcloudops-reports
                        urls:
                          replica-1: %s
                          replica-2: http://127.0.0.1:%d/api/health
                      - name: smartcloudops-frontend
                        latency: 150ms
                        urls:
                          ingress: %s
                """.formatted(ok.url("/api/health"), tls.url("/api/health"),
                "http://audit:pw-in-url@127.0.0.1:" + unavailable.port() + "/api/health?token=tok-in-url",
                "http://127.0.0.1:" + hole.port() + "/api/health", error.url("/api/health"), closed,
                slow.url("/api/health")));
        String store = TestDatabase.newDatabase();

        CliRun run = CliRun.of("run", "nightly", "--only", "app", "--config", config.toString(), "--store", store,
                "--out", tmp.resolve("out").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || resource_kind || '/' || resource_name "
                + "FROM finding WHERE run_id = 1 ORDER BY code, resource_name")).containsExactly(
                "APP-101 P1 URL/smartcloudops-api/replica-3",
                "APP-101 P1 URL/smartcloudops-api/replica-4",
                "APP-102 P0 Service/smartcloudops-reports",
                "APP-103 P2 URL/smartcloudops-frontend/ingress");
        assertThat(rows(store, "SELECT title FROM finding WHERE run_id = 1 AND code = 'APP-101' ORDER BY resource_name"))
                .containsExactly("smartcloudops-api/replica-3 is down: HTTP 503, expected 200",
                        "smartcloudops-api/replica-4 is down: no response within 1s of connecting (read timeout)");
        assertThat(rows(store, "SELECT check_id || ' ' || target || ' ' || status FROM check_execution "
                + "WHERE run_id = 1 ORDER BY check_id, target")).containsExactly(
                "app.availability smartcloudops-api ran", "app.availability smartcloudops-frontend ran",
                "app.availability smartcloudops-reports ran", "app.latency smartcloudops-api ran",
                "app.latency smartcloudops-frontend ran", "app.latency smartcloudops-reports ran");
        assertThat(String.join("\n", rows(store, "SELECT title || detail || evidence::text || remediation FROM finding")))
                .contains("token=****").doesNotContain("pw-in-url").doesNotContain("tok-in-url");
    }

}
