package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.store.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private key planted in a TLS Secret (and a password beside it) appears nowhere the nightly job writes: its
 * output and logs at DEBUG, findings.json, report.html, every cell of report.xlsx, every row of every table of
 * the store — while the Secret's certificate is audited.
 */
class TlsSecretsLeakIT {

    private static final String PASSWORD = "Leak-Canary-7f3c9e21-do-not-print";

    @TempDir
    Path tmp;

    @Test
    void aPlantedPrivateKeyAndPasswordAppearNowhere() throws Exception {
        Instant now = Instant.now();
        Issued expiring = TlsFixtures.leaf("planted", now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10)));
        String keyPem = DemoCertificates.pem(expiring.key());
        List<String> secrets = new ArrayList<>();
        keyPem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 40).forEach(secrets::add);
        secrets.add(TlsClusterFixture.base64(keyPem));
        secrets.add(TlsClusterFixture.base64(PASSWORD));
        secrets.add(PASSWORD);
        assertThat(secrets).hasSizeGreaterThan(10);

        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (TlsClusterFixture cluster = new TlsClusterFixture(tmp)) {
            cluster.secret("planted-tls", SecretSource.TYPE, expiring.pem(true),
                    Map.of("tls.key", keyPem, "password", PASSWORD));
            Path config = Files.writeString(tmp.resolve("leak.yml"), """
                    logging:
                      level:
                        ai.smartcloudops: DEBUG
                        io.fabric8: DEBUG
                        # the mock API server runs in this JVM: what it logs is the cluster's side, not the audit's
                        io.fabric8.kubernetes.client.server.mock: INFO
                        io.fabric8.mockwebserver: INFO
                    health-audit:
                      kubernetes:
                        clusters:
                          - name: prod
                            kubeconfig: %s
                    """.formatted(cluster.kubeconfig("prod")));
            String store = TestDatabase.newDatabase();
            Path out = tmp.resolve("out");

            CliRun run;
            try (PrintStream tee = new PrintStream(new TeeStream(console, stdout), true, StandardCharsets.UTF_8);
                 PrintStream teeErr = new PrintStream(new TeeStream(console, stderr), true, StandardCharsets.UTF_8)) {
                System.setOut(tee);
                System.setErr(teeErr);
                run = CliRun.of("run", "nightly", "--only", "tls", "--config", config.toString(), "--store", store,
                        "--out", out.toString());
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            String logs = console.toString(StandardCharsets.UTF_8);
            // DEBUG was on: the client's requests were logged, so the logs were a place the key could have gone
            assertThat(logs).contains("DEBUG");
            String findings = Files.readString(out.resolve("latest").resolve("findings.json"));
            String html = Files.readString(out.resolve("latest").resolve("report.html"));
            String xlsx = cells(out.resolve("latest").resolve("report.xlsx"));
            String rows = storeRows(store);
            // the Secret's certificate was audited
            assertThat(findings).contains("TLS-103").contains("Secret smartcloudops/planted-tls in cluster prod");
            assertThat(rows).contains("Secret smartcloudops/planted-tls in cluster prod");
            assertThat(xlsx).contains("TLS-103");

            Map<String, String> places = Map.of("CLI output", run.out() + run.err(), "console and logs", logs,
                    "findings.json", findings, "report.html", html, "report.xlsx", xlsx, "store", rows);
            for (Map.Entry<String, String> place : places.entrySet()) {
                for (String secret : secrets) {
                    assertThat(place.getValue()).as("%s holds a secret", place.getKey()).doesNotContain(secret);
                }
            }
        }
    }

    /** The text of every cell of every sheet. */
    private static String cells(Path file) throws Exception {
        StringBuilder text = new StringBuilder();
        DataFormatter formatter = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        text.append(formatter.formatCellValue(cell)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    /** Every row of every table of the store, as JSON text. */
    private static String storeRows(String store) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection(store)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT table_schema || '.\"' || table_name || '\"' "
                    + "FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN "
                    + "('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).anySatisfy(t -> assertThat(t).endsWith(".\"finding\""));
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT row_to_json(t)::text FROM " + table
                        + " t")) {
                    while (rs.next()) {
                        text.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        private TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            a.write(bytes, offset, length);
            b.write(bytes, offset, length);
        }
    }
}
