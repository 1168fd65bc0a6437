package ai.smartcloudops.audit.check.tls;

import static ai.smartcloudops.audit.store.TestDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job through the command line against real HTTPS endpoints and a blackhole. */
class TlsChecksIT {

    @TempDir
    Path tmp;

    @Test
    void theNightlyRunStoresOneFindingPerFaultAndGroupsASharedCertificate() throws Exception {
        Instant now = Instant.now();
        Issued healthy = TlsFixtures.leaf("healthy", now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(90)));
        Issued expiring = TlsFixtures.leaf("expiring", now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10)));
        Issued incomplete = TlsFixtures.leaf("incomplete", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
        Path bundle = Files.writeString(tmp.resolve("ca.pem"), TlsFixtures.ROOT.pem(false));
        try (DemoHttpServer ok = DemoHttpServer.https(DemoHttpServer.Response.OK, healthy.chain(), healthy.key());
             DemoHttpServer soon = DemoHttpServer.https(DemoHttpServer.Response.OK, expiring.chain(), expiring.key());
             DemoHttpServer soonToo = DemoHttpServer.https(DemoHttpServer.Response.OK, expiring.chain(),
                     expiring.key());
             DemoHttpServer partial = DemoHttpServer.https(DemoHttpServer.Response.OK,
                     List.of(incomplete.certificate()), incomplete.key());
             DemoBlackhole blackhole = DemoBlackhole.start()) {
            StringBuilder yaml = new StringBuilder("""
                    health-audit:
                      tls:
                        handshake-timeout: 1s
                        endpoints:
                    """);
            endpoint(yaml, "healthy", "healthy", ok.port(), bundle);
            endpoint(yaml, "expiring-a", "expiring", soon.port(), bundle);
            endpoint(yaml, "expiring-b", "expiring", soonToo.port(), bundle);
            endpoint(yaml, "incomplete", "incomplete", partial.port(), bundle);
            endpoint(yaml, "blackhole", "blackhole", blackhole.port(), bundle);
            Path config = Files.writeString(tmp.resolve("tls.yml"), yaml);
            String store = TestDatabase.newDatabase();

            CliRun run = CliRun.of("run", "nightly", "--only", "tls", "--config", config.toString(), "--store", store,
                    "--out", tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(rows(store, "SELECT code || ' ' || severity || ' ' || check_id || ' ' || resource_kind || '/' "
                    + "|| resource_name FROM finding WHERE run_id = 1 ORDER BY code"))
                    .containsExactly("TLS-101 P1 tls.handshake Endpoint/blackhole",
                            "TLS-103 P2 tls.expiry Certificate/" + TlsFixtures.certificate(expiring),
                            "TLS-108 P2 tls.trust Endpoint/incomplete");
            assertThat(rows(store, "SELECT evidence FROM finding WHERE run_id = 1 AND code = 'TLS-103'"))
                    .singleElement().satisfies(evidence -> assertThat(evidence)
                            .contains("endpoint expiring-a (127.0.0.1:" + soon.port() + "), endpoint expiring-b "
                                    + "(127.0.0.1:" + soonToo.port() + ")"));
            assertThat(rows(store, "SELECT check_id || ' ' || target || ' ' || status FROM check_execution "
                    + "WHERE run_id = 1 ORDER BY check_id"))
                    .containsExactly("tls.expiry certificates ran", "tls.handshake certificates ran",
                            "tls.hostname certificates ran", "tls.strength certificates ran",
                            "tls.trust certificates ran");
        }
    }

    private static void endpoint(StringBuilder yaml, String name, String host, int port, Path bundle) {
        yaml.append("""
                      - name: %s
                        host: 127.0.0.1
                        port: %d
                        server-name: %s.smartcloudops.local
                        ca-bundle: %s
                """.formatted(name, port, host, bundle).indent(4));
    }

}
