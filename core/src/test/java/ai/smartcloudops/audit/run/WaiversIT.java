package ai.smartcloudops.audit.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoEstate;
import ai.smartcloudops.audit.demo.EstateConfig;
import ai.smartcloudops.audit.finding.Fingerprint;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Waive through the command line, then from the configuration, against the demo cluster and a real store. */
class WaiversIT {

    private static final String POD = "smartcloudops-api-7d9f8b6c5d-x2k9p";

    @TempDir
    Path tmp;

    private DemoEstate estate;
    private WireMockServer channels;
    private String store;
    private Path out;
    private Path config;
    private String fingerprint;

    @BeforeEach
    void start() throws Exception {
        estate = DemoEstate.start(Clock.systemUTC());
        channels = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        channels.start();
        channels.stubFor(post(urlEqualTo("/slack")).willReturn(ok("ok")));
        channels.stubFor(post(urlEqualTo("/tickets")).willReturn(aResponse().withStatus(201)));
        store = TestDatabase.newDatabase();
        out = tmp.resolve("out");
        config = tmp.resolve("estate.yml");
        writeConfig("");
        fingerprint = Fingerprint.of("K8S-201", DemoEstate.CLUSTER, new Resource("Pod", DemoEstate.NAMESPACE, POD));
    }

    @AfterEach
    void stop() {
        channels.stop();
        estate.close();
    }

    @Test
    void aWaivedFindingIsReportedInTheAppendixNeverEscalatedAndComesBackWhenItsWaiverExpires() throws Exception {
        assertThat(nightly().exitCode()).isZero();
        assertThat(rows("SELECT state || ' ' || (waiver IS NULL) FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 1 AND fingerprint = '"
                + fingerprint + "'")).containsExactly("new true");
        assertThat(rows("SELECT channel || ' ' || kind FROM notification_outbox WHERE run_id = 1 AND fingerprint = '"
                + fingerprint + "'")).containsExactly("slack trigger");

        CliRun waive = CliRun.of("waive", "K8S-201", "--match", DemoEstate.CLUSTER + "/Pod/smartcloudops/smartcloudops-api-*",
                "--reason", "restarts on config reload, fix in 4.2", "--owner", "alice", "--expires", "2099-12-31",
                "--config", config.toString(), "--store", store);

        assertThat(waive.exitCode()).as(waive.err()).isZero();
        assertThat(waive.out()).isEqualTo("waiver 1: K8S-201 on " + DemoEstate.CLUSTER
                + "/Pod/smartcloudops/smartcloudops-api-* waived by alice until 2100-01-01T00:00:00Z"
                + System.lineSeparator());
        String text = "waived by alice until 2100-01-01T00:00:00Z: restarts on config reload, fix in 4.2 (waiver 1)";
        CliRun list = CliRun.of("waive", "--list", "--config", config.toString(), "--store", store);
        assertThat(list.out()).isEqualTo("1\tK8S-201\t" + DemoEstate.CLUSTER
                + "/Pod/smartcloudops/smartcloudops-api-*\t" + text + System.lineSeparator());

        assertThat(nightly().exitCode()).isZero();

        assertThat(rows("SELECT waiver FROM finding WHERE run_id = 2 AND fingerprint = '" + fingerprint + "'"))
                .containsExactly(text);
        assertThat(rows("SELECT count(*) FROM notification_outbox WHERE run_id > 1 AND fingerprint = '"
                + fingerprint + "'")).containsExactly("0");
        JsonNode waived = finding(2);
        assertThat(waived.get("waiver").asString()).isEqualTo(text);
        String html = Files.readString(out.resolve("2").resolve("report.html"));
        String appendix = html.substring(html.indexOf("Appendix: waived findings"));
        assertThat(appendix).contains(POD).contains("waived by alice until 2100-01-01T00:00:00Z");

        // the stored waiver is withdrawn; the configuration's waiver of the finding expired yesterday
        try (Connection c = DriverManager.getConnection(store)) {
            c.createStatement().executeUpdate("DELETE FROM waiver");
        }
        writeConfig("""
                  waivers:
                    - code: K8S-201
                      match: "%s/Pod/smartcloudops/%s"
                      reason: accepted until the 4.1 rollout
                      owner: bob
                      expires: 2020-06-30
                """.formatted(DemoEstate.CLUSTER, POD));

        assertThat(nightly().exitCode()).isZero();

        String expired = "waiver by bob expired on 2020-07-01T00:00:00Z: accepted until the 4.1 rollout (configuration)";
        JsonNode back = finding(3);
        assertThat(back.get("waiver").isNull()).isTrue();
        assertThat(back.get("state").asString()).isEqualTo("new");
        assertThat(back.get("evidence").get("waiver expired").asString()).isEqualTo(expired);
        assertThat(Files.readString(out.resolve("3").resolve("report.html"))).contains(expired);
        assertThat(rows("SELECT channel || ' ' || kind FROM notification_outbox WHERE run_id = 3 AND fingerprint = '"
                + fingerprint + "'")).containsExactly("slack trigger");
    }

    @Test
    void badInputExitsTwoWithAMessageAndStoresNothing() throws Exception {
        List<CliRun> runs = List.of(
                waive("K8S-999", "*", "2099-01-01"),
                waive("K8S-201", " ", "2099-01-01"),
                waive("K8S-201", "*", "2020-01-01"),
                waive("K8S-201", "*", "soon"));

        assertThat(runs).allMatch(r -> r.exitCode() == ExitCodes.USAGE);
        assertThat(runs.stream().map(r -> r.err().strip()).toList()).containsExactly(
                "health-audit waive: unknown code 'K8S-999'; `health-audit checks` lists the catalogue",
                "health-audit waive: --match is required and must not be empty",
                "health-audit waive: --expires 2020-01-01 is not in the future",
                "health-audit waive: --expires must be a date such as 2026-12-31 or an instant such as "
                        + "2026-12-31T18:00:00Z, got 'soon'");
        writeConfig("""
                  waivers:
                    - code: K8S-201
                      match: "*"
                      reason: no expiry
                      owner: bob
                """);
        CliRun noExpiry = CliRun.of("run", "nightly", "--config", config.toString(), "--store", store, "--out",
                out.toString());
        assertThat(noExpiry.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noExpiry.err()).contains("health-audit.waivers[].expires is required");
    }

    private CliRun waive(String code, String match, String expires) {
        return CliRun.of("waive", code, "--match", match, "--reason", "r", "--owner", "o", "--expires", expires,
                "--config", config.toString(), "--store", store);
    }

    private JsonNode finding(long run) throws Exception {
        JsonNode report = JsonMapper.builder().build().readTree(out.resolve(String.valueOf(run))
                .resolve("findings.json").toFile());
        for (JsonNode f : report.get("findings")) {
            if (fingerprint.equals(f.get("fingerprint").asString())) {
                return f;
            }
        }
        throw new AssertionError("run " + run + " has no finding " + fingerprint);
    }

    private CliRun nightly() {
        return CliRun.of("run", "nightly", "--config", config.toString(), "--store", store, "--out", out.toString());
    }

    private void writeConfig(String extra) throws Exception {
        Files.writeString(config, EstateConfig.yaml(estate.kubeconfig(), """
                  notify:
                    slack: {webhook-url: "%s/slack"}
                    webhook: {url: "%s/tickets"}
                """.formatted(channels.baseUrl(), channels.baseUrl()) + extra));
    }

    private List<String> rows(String sql) throws Exception {
        return TestDatabase.rows(store, sql);
    }
}
