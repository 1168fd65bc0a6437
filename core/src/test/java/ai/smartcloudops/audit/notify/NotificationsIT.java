package ai.smartcloudops.audit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoEstate;
import ai.smartcloudops.audit.demo.EstateConfig;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Two nightly runs through the command line against the demo cluster, with WireMock as Slack, PagerDuty and tickets. */
class NotificationsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    private DemoEstate estate;
    private WireMockServer channels;
    private String store;
    private Path out;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        estate = DemoEstate.start(Clock.systemUTC());
        channels = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        channels.start();
        channels.stubFor(post(urlEqualTo("/slack")).willReturn(ok("ok")));
        channels.stubFor(post(urlEqualTo("/pagerduty")).willReturn(aResponse().withStatus(202)));
        channels.stubFor(post(urlEqualTo("/tickets")).willReturn(aResponse().withStatus(201)));
        store = TestDatabase.newDatabase();
        out = tmp.resolve("out");
        config = tmp.resolve("estate.yml");
        Files.writeString(config, EstateConfig.yaml(estate.kubeconfig(), """
                  notify:
                    report-url: https://reports.example/audit
                    slack: {webhook-url: "%s/slack", digest-above: 1000}   # a message per finding: NotifierTest digests
                    pagerduty: {routing-key: R0UTING, events-url: "%s/pagerduty"}
                    webhook: {url: "%s/tickets"}
                """.formatted(channels.baseUrl(), channels.baseUrl(), channels.baseUrl())));
    }

    @AfterEach
    void stop() {
        channels.stop();
        estate.close();
    }

    @Test
    void theFirstRunNotifiesEveryNewFindingPerTheMatrixAndTheSecondNoneOfThePersistingOnes() throws Exception {
        CliRun first = nightly();

        assertThat(first.exitCode()).as(first.err()).isZero();
        Set<String> expected = new TreeSet<>();
        for (String row : rows("SELECT fingerprint || ' ' || severity FROM finding WHERE run_id = 1 "
                + "AND waiver IS NULL")) {
            String fingerprint = row.split(" ")[0];
            switch (row.split(" ")[1]) {
                case "P0" -> {
                    expected.add(fingerprint + " pagerduty trigger sent");
                    expected.add(fingerprint + " slack trigger sent");
                }
                case "P1" -> expected.add(fingerprint + " slack trigger sent");
                case "P2" -> expected.add(fingerprint + " webhook trigger sent");
                default -> {
                }
            }
        }
        // the demo cluster raises P1 and P2 faults (P0 routing is covered by NotifierTest)
        assertThat(expected).anyMatch(e -> e.contains("slack")).anyMatch(e -> e.contains("webhook"));
        assertThat(rows("SELECT count(*) FROM finding WHERE run_id = 1 AND waiver IS NOT NULL"))
                .doesNotContain("0");
        assertThat(new TreeSet<>(rows("SELECT fingerprint || ' ' || channel || ' ' || kind || ' ' || status "
                + "FROM notification_outbox WHERE run_id = 1"))).isEqualTo(expected);
        assertThat(channels.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))).hasSize(expected.size());
        for (Path dir : List.of(out.resolve("1"), out.resolve("latest"))) {
            assertThat(notifications(dir)).isEqualTo(expected);
        }
        List<String> slackChannels = new ArrayList<>();
        for (LoggedRequest r : channels.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo("/slack")))) {
            slackChannels.add(JSON.readTree(r.getBodyAsString()).path("channel").asString());
        }
        assertThat(slackChannels).isNotEmpty().allMatch(c -> c.equals("#incident-response")
                || c.equals("#platform-alerts"));
        channels.resetRequests();

        CliRun second = nightly();

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(rows("SELECT DISTINCT state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 2")).containsExactly("persisting");
        assertThat(rows("SELECT count(*) FROM notification_outbox WHERE run_id = 2")).containsExactly("0");
        assertThat(notifications(out.resolve("2"))).isEmpty();
        assertThat(channels.getAllServeEvents()).isEmpty();
    }

    /** The escalate job through the command line: no audit, the P2 findings past a 2-second response time escalated. */
    @Test
    void theEscalateJobEscalatesWhatIsOverdueBetweenAuditsAndAuditsNothing() throws Exception {
        Files.writeString(config, Files.readString(config) + """
                    severities:
                      P2: {channels: [webhook], response-time: 2s}
                """);
        assertThat(nightly().exitCode()).isZero();
        long p2 = rows("SELECT count(*) FROM finding WHERE run_id = 1 AND waiver IS NULL AND severity = 'P2'")
                .stream().mapToLong(Long::parseLong).sum();
        assertThat(p2).isPositive();
        Thread.sleep(2500);
        channels.resetRequests();

        CliRun escalate = CliRun.of("run", "escalate", "--config", config.toString(), "--store", store, "--out",
                out.toString());

        assertThat(escalate.exitCode()).as(escalate.err()).isZero();
        assertThat(escalate.out()).containsOnlyOnce("health-audit escalate run 2: completed")
                .contains("  " + p2 + " overdue finding(s) escalated (" + p2 + " notification(s) queued)");
        assertThat(rows("SELECT DISTINCT kind || ' ' || channel || ' ' || status FROM notification_outbox "
                + "WHERE run_id = 2")).containsExactly("escalate slack sent");
        assertThat(rows("SELECT count(*) FROM finding WHERE run_id = 2")).containsExactly("0");
        assertThat(notifications(out.resolve("2"))).hasSize((int) p2);
        assertThat(channels.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo("/slack")))).hasSize((int) p2);

        CliRun again = CliRun.of("run", "escalate", "--config", config.toString(), "--store", store, "--out",
                out.toString());
        assertThat(again.out()).contains("  0 overdue finding(s) escalated (0 notification(s) queued)");
    }

    private Set<String> notifications(Path dir) throws Exception {
        JsonNode json = JSON.readTree(dir.resolve("notifications.json").toFile());
        Set<String> set = new TreeSet<>();
        for (JsonNode n : json.path("notifications")) {
            assertThat(n.path("attempts").asInt()).isEqualTo(1);
            assertThat(n.path("code").asString()).isNotBlank();
            assertThat(n.path("severity").asString()).isNotBlank();
            set.add(n.path("fingerprint").asString() + " " + n.path("channel").asString() + " "
                    + n.path("kind").asString() + " " + n.path("status").asString());
        }
        return set;
    }

    private CliRun nightly() {
        return CliRun.of("run", "nightly", "--config", config.toString(), "--store", store, "--out", out.toString());
    }

    private List<String> rows(String sql) throws Exception {
        return TestDatabase.rows(store, sql);
    }
}
