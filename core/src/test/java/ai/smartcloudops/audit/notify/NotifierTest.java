package ai.smartcloudops.audit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.MovableClock;
import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.notify.pagerduty.PagerDutyChannel;
import ai.smartcloudops.audit.notify.pagerduty.PagerDutyIncidents;
import ai.smartcloudops.audit.notify.slack.SlackChannel;
import ai.smartcloudops.audit.notify.webhook.TicketWebhookChannel;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Escalation against the store and WireMock channels: who hears about what, once. */
class NotifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SLACK = "/services/T000/B000/s3cret";
    private static final String ROUTING_KEY = "R0UTINGKEY";

    @TempDir
    Path tmp;

    private WireMockServer server;
    private String url;
    private JdbcClient jdbc;
    private FindingStore store;
    private Outbox outbox;
    private final List<Duration> waits = new ArrayList<>();
    private final MovableClock clock = MovableClock.system();
    private int digestAbove = 10;

    private final Finding p0 = finding("TLS-102", "certificates", Resource.of("Certificate", "api.example.com"));
    private final Finding p1Database = finding("PG-204", "smartcloudops-db", Resource.of("Database", "app"));
    private final Finding p2 = finding("K8S-103", "prod", Resource.of("Node", "node-1"));
    private final Finding p3 = finding("K8S-205", "prod", new Resource("Deployment", "smartcloudops", "api"));
    private final Finding waived = finding("K8S-101", "prod", Resource.of("Node", "node-2")).waive("maintenance");

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        url = TestDatabase.newStore();
        DataSource dataSource = new DriverManagerDataSource(url);
        jdbc = JdbcClient.create(dataSource);
        store = new FindingStore(dataSource, TestCatalogue.get());
        outbox = new Outbox(jdbc);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static Finding finding(String code, String target, Resource resource) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("seen", "yes");
        return Finding.of(TestCatalogue.get().find(code).orElseThrow(), target, resource).title(code + " title")
                .detail(code + " detail").evidence(evidence).remediation("kubectl describe " + resource.name()).build();
    }

    private Notifier notifier(int attempts) {
        return notifier(attempts, null, null);
    }

    /** ... that asks PagerDuty's REST API with {@code apiToken} whether an incident is acknowledged. */
    private Notifier notifier(int attempts, String apiToken, Map<Severity, NotifyProperties.Route> severities) {
        NotifyProperties properties = new NotifyProperties("https://reports.example/audit/", severities, null, null,
                new NotifyProperties.Slack(server.baseUrl() + SLACK, digestAbove),
                new NotifyProperties.PagerDuty(ROUTING_KEY, server.baseUrl() + "/v2/enqueue", apiToken,
                        server.baseUrl()),
                new NotifyProperties.Webhook(server.baseUrl() + "/tickets", Map.of("Authorization", "Bearer tkt")),
                new NotifyProperties.Dispatch(attempts, Duration.ofMillis(100), 30, Duration.ofSeconds(2)), null, null);
        JsonPost http = new JsonPost(properties, HttpLimits.DEFAULT);
        List<Channel> channels = List.of(new SlackChannel(properties, http), new PagerDutyChannel(properties, http),
                new TicketWebhookChannel(properties, http));
        return new Notifier(new EscalationPolicy(properties, channels), new PagerDutyIncidents(properties, http),
                outbox, store, properties, clock, waits::add);
    }

    /** One audit run: its findings saved and diffed against the previous run, then escalated and dispatched. */
    private long run(Notifier notifier, Long previous, Finding... findings) throws Exception {
        long id = jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status) "
                + "VALUES ('nightly', 'test', now(), 'RUNNING') RETURNING id").query(Long.class).single();
        List<Coverage> coverage = new ArrayList<>();
        for (Finding f : List.of(p0, p1Database, p2, p3, waived)) {
            Coverage c = new Coverage(f.checkId(), f.target(), CoverageStatus.RAN, 1, 0, null);
            if (coverage.stream().noneMatch(x -> x.check().equals(c.check()) && x.target().equals(c.target()))) {
                coverage.add(c);
            }
        }
        store.saveSweep(id, 0, List.of(findings), coverage, Map.of());
        store.diff(id, previous, java.time.Instant.now(), AuditCode.AUDIT_904);
        notifier.escalate(id, previous);
        notifier.dispatch(1L);
        return id;
    }

    private void allChannelsUp() {
        server.stubFor(post(urlEqualTo(SLACK)).willReturn(ok("ok")));
        server.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
                .withBody("{\"status\":\"success\"}")));
        server.stubFor(post(urlEqualTo("/tickets")).willReturn(aResponse().withStatus(201)));
    }

    private List<String> rows(String sql) throws SQLException {
        return TestDatabase.rows(url, sql);
    }

    @Test
    void theFirstRunNotifiesEachNewFindingPerTheMatrixAndStoresNoSecret() throws Exception {
        allChannelsUp();

        long run = run(notifier(3), null, p0, p1Database, p2, p3, waived);

        assertThat(rows("SELECT code || ' ' || channel || ' ' || kind || ' ' || o.status FROM notification_outbox o "
                + "JOIN finding_state s USING (fingerprint) ORDER BY code, channel")).containsExactly(
                "K8S-103 webhook trigger sent", "PG-204 slack trigger sent", "TLS-102 pagerduty trigger sent",
                "TLS-102 slack trigger sent");
        assertThat(rows("SELECT payload FROM notification_outbox")).noneMatch(p -> p.contains(ROUTING_KEY)
                || p.contains("s3cret") || p.contains("tkt"));
        assertThat(rows("SELECT count(*) FROM finding_state WHERE last_notified_at IS NOT NULL")).containsExactly("3");

        String report = "https://reports.example/audit/" + run + "/report.html";
        server.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue")).withRequestBody(equalToJson("""
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"[P0] TLS-102 TLS-102 title (certificates)","severity":"critical",
                   "source":"certificates","component":"%s","group":"tls","class":"TLS-102",
                   "custom_details":{"code":"TLS-102","team":"platform","detail":"TLS-102 detail",
                     "remediation":"kubectl describe api.example.com","evidence":{"seen":"yes"}}},
                 "links":[{"href":"%s","text":"Audit report"}]}
                """.formatted(ROUTING_KEY, p0.fingerprint(), p0.resource().path(), report))));
        server.verify(1, postRequestedFor(urlEqualTo(SLACK))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#incident-response")))
                .withRequestBody(matchingJsonPath("$.text", equalTo("[P0] TLS-102 TLS-102 title (certificates, "
                        + p0.resource().path() + ")"))));
        server.verify(1, postRequestedFor(urlEqualTo(SLACK))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#database-alerts")))
                .withRequestBody(matchingJsonPath("$.blocks[1].text.text",
                        equalTo("*Remediation*\n```kubectl describe app```")))
                .withRequestBody(matchingJsonPath("$.blocks[2].text.text", equalTo("<" + report + "|Audit report>"))));
        server.verify(1, postRequestedFor(urlEqualTo("/tickets"))
                .withHeader("Authorization", equalTo("Bearer tkt"))
                .withRequestBody(equalToJson("""
                {"kind":"trigger","fingerprint":"%s","code":"K8S-103","severity":"P2","team":"platform",
                 "area":"kubernetes","title":"K8S-103 title","detail":"K8S-103 detail","target":"prod",
                 "resource":{"kind":"Node","namespace":null,"name":"node-1"},
                 "remediation":"kubectl describe node-1","report":"%s"}
                """.formatted(p2.fingerprint(), report))));
        assertThat(server.getAllServeEvents()).hasSize(4);

        JsonNode json = JSON.readTree(notifier(3).write(run, tmp).toFile());
        assertThat(json.path("notifications")).hasSize(4);
        JsonNode first = json.path("notifications").get(0);
        assertThat(first.path("fingerprint").asString()).isEqualTo(p0.fingerprint());
        assertThat(first.path("code").asString()).isEqualTo("TLS-102");
        assertThat(first.path("severity").asString()).isEqualTo("P0");
        assertThat(first.path("channel").asString()).isEqualTo("pagerduty");
        assertThat(first.path("kind").asString()).isEqualTo("trigger");
        assertThat(first.path("status").asString()).isEqualTo("sent");
        assertThat(first.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void persistingFindingsNotifyNothingAndAResolvedOneResolvesItsPagerDutyIncident() throws Exception {
        allChannelsUp();
        Notifier notifier = notifier(3);
        long first = run(notifier, null, p0, p1Database, p2);
        server.resetRequests();

        long second = run(notifier, first, p1Database, p2);

        assertThat(rows("SELECT channel || ' ' || kind || ' ' || status FROM notification_outbox WHERE run_id = "
                + second)).containsExactly("pagerduty resolve sent");
        server.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue")).withRequestBody(equalToJson(
                "{\"routing_key\":\"" + ROUTING_KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\""
                        + p0.fingerprint() + "\"}")));
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aChannelThatFailsTwiceThenSucceedsDeliversOnceWithDoublingBackoff() throws Exception {
        server.stubFor(post(urlEqualTo("/tickets")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
        server.stubFor(post(urlEqualTo("/tickets")).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("failed twice"));
        server.stubFor(post(urlEqualTo("/tickets")).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(ok()).willSetStateTo("delivered"));
        server.stubFor(post(urlEqualTo("/tickets")).inScenario("flaky").whenScenarioStateIs("delivered")
                .willReturn(aResponse().withStatus(500)));

        run(notifier(3), null, p2);

        assertThat(rows("SELECT status || ' ' || attempts || ' ' || (last_error IS NULL) FROM notification_outbox"))
                .containsExactly("sent 3 true");
        assertThat(server.getAllServeEvents()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aChannelDownForAWholeRunDeliversOnTheNextRunOnce() throws Exception {
        server.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(503)));
        server.stubFor(post(urlEqualTo(SLACK)).willReturn(ok("ok")));
        Notifier notifier = notifier(2);
        Finding otherP0 = finding("LOG-101", "logging", Resource.of("Cluster", "es"));

        long first = run(notifier, null, p0, otherP0);

        assertThat(rows("SELECT s.code || ' ' || channel || ' ' || o.status || ' ' || attempts FROM notification_outbox o "
                + "JOIN finding_state s USING (fingerprint) ORDER BY s.code, channel")).containsExactly(
                "LOG-101 pagerduty pending 0", "LOG-101 slack sent 1", "TLS-102 pagerduty pending 2",
                "TLS-102 slack sent 1");
        assertThat(rows("SELECT last_error FROM notification_outbox WHERE attempts = 2").get(0))
                .contains("HTTP 503").doesNotContain("/v2/enqueue");
        JsonNode json = JSON.readTree(notifier.write(first, tmp).toFile());
        assertThat(json.findValuesAsString("status")).containsExactlyInAnyOrder("pending", "pending", "sent", "sent");
        server.resetAll();
        allChannelsUp();

        long second = run(notifier, first, p0, otherP0);

        assertThat(rows("SELECT count(*) FROM notification_outbox WHERE run_id = " + second)).containsExactly("0");
        assertThat(rows("SELECT status FROM notification_outbox")).containsOnly("sent");
        server.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(p0.fingerprint()))));
        server.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(otherP0.fingerprint()))));
        assertThat(server.getAllServeEvents()).hasSize(2);

        notifier.dispatch(1L);
        assertThat(server.getAllServeEvents()).hasSize(2);
    }

    @Test
    void aFindingOpenPastItsResponseTimeEscalatesOneLevelOnceAndSaysSo() throws Exception {
        allChannelsUp();
        Notifier notifier = notifier(3);
        long first = run(notifier, null, p1Database, p2);
        server.resetRequests();

        clock.advance(Duration.ofHours(3));   // past P1's 1h, within P2's 4h
        long second = run(notifier, first, p1Database, p2);

        assertThat(rows("SELECT code || ' ' || channel || ' ' || kind || ' ' || o.status FROM notification_outbox o "
                + "JOIN finding_state s USING (fingerprint) WHERE run_id = " + second + " ORDER BY channel"))
                .containsExactly("PG-204 pagerduty escalate sent", "PG-204 slack escalate sent");
        server.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.event_action", equalTo("trigger")))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo(p1Database.fingerprint())))
                .withRequestBody(matchingJsonPath("$.payload.severity", equalTo("critical")))
                .withRequestBody(matchingJsonPath("$.payload.summary",
                        equalTo("ESCALATED [P1] PG-204 PG-204 title (smartcloudops-db)")))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.escalation",
                        com.github.tomakehurst.wiremock.client.WireMock.matching(
                                "open longer than the P1 response time of 1h since it was notified at .*; "
                                        + "escalated to P0 routing"))));
        server.verify(1, postRequestedFor(urlEqualTo(SLACK))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#incident-response"))));
        assertThat(server.getAllServeEvents()).hasSize(2);
        server.resetRequests();

        clock.advance(Duration.ofHours(2));   // now past P2's 4h too; PG-204 was escalated already
        long third = run(notifier, second, p1Database, p2);

        assertThat(rows("SELECT code || ' ' || channel || ' ' || kind FROM notification_outbox o "
                + "JOIN finding_state s USING (fingerprint) WHERE run_id = " + third))
                .containsExactly("K8S-103 slack escalate");
        server.verify(1, postRequestedFor(urlEqualTo(SLACK))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#platform-alerts")))
                .withRequestBody(matchingJsonPath("$.blocks[0].text.text", com.github.tomakehurst.wiremock.client
                        .WireMock.containing("*Escalation:* open longer than the P2 response time of 4h"))));
        JsonNode json = JSON.readTree(notifier.write(third, tmp).toFile());
        assertThat(json.findValuesAsString("kind")).containsExactly("escalate");

        clock.advance(Duration.ofHours(24));
        long fourth = run(notifier, third, p1Database, p2);

        assertThat(rows("SELECT count(*) FROM notification_outbox WHERE run_id = " + fourth)).containsExactly("0");
        assertThat(rows("SELECT escalation_level FROM finding_state")).containsOnly("1");
    }

    /** A run of the escalate job: its row, then the open findings escalated and the outbox dispatched. */
    private Notifier.Escalation escalateJob(Notifier notifier) throws Exception {
        long id = jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status) "
                + "VALUES ('escalate', 'test', now(), 'RUNNING') RETURNING id").query(Long.class).single();
        Notifier.Escalation escalation = notifier.escalateOpen(id);
        notifier.dispatch(2L);
        return escalation;
    }

    @Test
    void theEscalateJobEscalatesOpenFindingsPastTheirDueTimeBetweenAudits() throws Exception {
        allChannelsUp();
        Notifier notifier = notifier(3);
        run(notifier, null, p1Database, p2, p3, waived);
        server.resetRequests();

        clock.advance(Duration.ofMinutes(30));   // within P1's hour
        assertThat(escalateJob(notifier)).isEqualTo(new Notifier.Escalation(0, 0, 0, Set.of()));
        clock.advance(Duration.ofMinutes(40));   // past it; P2's 4h not yet
        Notifier.Escalation escalation = escalateJob(notifier);

        assertThat(escalation).isEqualTo(new Notifier.Escalation(1, 2, 0, Set.of()));
        assertThat(escalation.message()).isEqualTo("1 overdue finding(s) escalated (2 notification(s) queued)");
        assertThat(rows("SELECT code || ' ' || channel || ' ' || kind || ' ' || o.status FROM notification_outbox o "
                + "JOIN finding_state s USING (fingerprint) JOIN audit_run r ON r.id = o.run_id "
                + "WHERE r.job = 'escalate' ORDER BY channel")).containsExactly("PG-204 pagerduty escalate sent",
                "PG-204 slack escalate sent");
        assertThat(server.getAllServeEvents()).hasSize(2);
        // escalated once; the waived one and the P3 (notified nowhere) never are
        clock.advance(Duration.ofDays(3));
        assertThat(escalateJob(notifier)).isEqualTo(new Notifier.Escalation(1, 1, 0, Set.of()));
        assertThat(rows("SELECT code FROM notification_outbox o JOIN finding_state s USING (fingerprint) "
                + "WHERE kind = 'escalate' ORDER BY code")).containsExactly("K8S-103", "PG-204", "PG-204");
    }

    @Test
    void anAcknowledgedPagerDutyIncidentIsNotEscalatedAndOneThatPagerDutyCannotTellAboutIs() throws Exception {
        allChannelsUp();
        Finding otherP1 = finding("PG-204", "billing-db", Resource.of("Database", "ledger"));
        Map<Severity, NotifyProperties.Route> severities = Map.of(Severity.P1, new NotifyProperties.Route(
                List.of("pagerduty", "slack"), Duration.ofHours(1), null, null));
        Notifier notifier = notifier(1, "pd-read-token", severities);
        server.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("incident_key", equalTo(p1Database.fingerprint()))
                .willReturn(okJson("{\"incidents\":[{\"id\":\"Q1\",\"status\":\"acknowledged\"}]}")));
        server.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("incident_key", equalTo(otherP1.fingerprint()))
                .willReturn(aResponse().withStatus(500).withBody("<html>down</html>")));
        server.stubFor(get(urlPathEqualTo("/incidents")).withQueryParam("incident_key", equalTo(p0.fingerprint()))
                .willReturn(okJson("{\"incidents\":[{\"id\":\"Q3\",\"status\":\"triggered\"}]}")));
        run(notifier, null, p0, p1Database, otherP1);
        server.resetRequests();

        clock.advance(Duration.ofMinutes(61));
        Notifier.Escalation escalation = escalateJob(notifier);

        // the P0 no one acknowledged within 15 minutes is paged again on its own route
        assertThat(escalation).isEqualTo(new Notifier.Escalation(2, 4, 1,
                Set.of("GET " + server.baseUrl() + ": HTTP 500: <html>down</html>")));
        assertThat(rows("SELECT DISTINCT f.code || ' ' || f.target || ' ' || o.channel FROM notification_outbox o "
                + "JOIN finding f USING (fingerprint) WHERE o.kind = 'escalate' ORDER BY 1")).containsExactly(
                "PG-204 billing-db pagerduty", "PG-204 billing-db slack", "TLS-102 certificates pagerduty",
                "TLS-102 certificates slack");
        server.verify(postRequestedFor(urlEqualTo("/v2/enqueue"))
                .withRequestBody(matchingJsonPath("$.payload.custom_details.escalation", matching(
                        "open longer than the P0 response time of 15m since it was notified at .*; paged again on "
                                + "P0 routing"))));
        server.verify(3, getRequestedFor(urlPathEqualTo("/incidents"))
                .withHeader("Authorization", equalTo("Token token=pd-read-token"))
                .withHeader("Accept", equalTo("application/vnd.pagerduty+json;version=2"))
                .withQueryParam("statuses[]", equalTo("acknowledged")));
        assertThat(escalation.message()).doesNotContain("pd-read-token");
        assertThat(rows("SELECT payload FROM notification_outbox")).noneMatch(p -> p.contains("pd-read-token"));
    }

    /**
     * A PagerDuty API that stalls costs one escalation pass a few request timeouts in all, not one per incident: past
     * them the findings it was not asked about are escalated, saying why.
     */
    @Test
    void aStallingPagerDutyApiIsAskedForAFewTimeoutsInAllThenTheRestEscalate() throws Exception {
        allChannelsUp();
        Map<Severity, NotifyProperties.Route> severities = Map.of(Severity.P1, new NotifyProperties.Route(
                List.of("pagerduty"), Duration.ofHours(1), null, null));
        Notifier notifier = notifier(1, "pd-read-token", severities);
        server.stubFor(get(urlPathEqualTo("/incidents")).willReturn(okJson("{\"incidents\":[]}")
                .withFixedDelay(5_000)));
        List<Finding> overdue = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            overdue.add(finding("PG-204", "db-" + i, Resource.of("Database", "orders")));
        }
        run(notifier, null, overdue.toArray(Finding[]::new));
        clock.advance(Duration.ofMinutes(61));

        long started = System.nanoTime();
        Notifier.Escalation escalation = escalateJob(notifier);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(escalation.escalated()).isEqualTo(6);
        assertThat(escalation.unanswered()).containsExactlyInAnyOrder(
                "GET " + server.baseUrl() + ": no answer within 2s",
                "no time left to ask: this pass asks for at most 6s");
        assertThat(took).as("3 timeouts of 2s, not 6").isLessThan(Duration.ofSeconds(9));
        server.verify(3, getRequestedFor(urlPathEqualTo("/incidents")));
    }

    /**
     * Past digest-above new findings for one Slack channel, the run sends one digest there; each finding is still
     * triggered (recorded as digested), so it escalates and resolves as any other. Another channel's few go one by one.
     */
    @Test
    void manyNewFindingsForOneSlackChannelGoAsOneDigestAndEachIsStillTriggered() throws Exception {
        allChannelsUp();
        digestAbove = 2;
        Notifier notifier = notifier(3);
        Finding orders = finding("PG-204", "orders-db", Resource.of("Database", "orders"));
        Finding billing = finding("PG-204", "billing-db", Resource.of("Database", "<!channel> & <b>"));
        Finding platform = finding("K8S-201", "prod", new Resource("Pod", "api", "api-1"));
        assertThat(platform.severity()).isEqualTo(Severity.P1);

        long run = run(notifier, null, p1Database, orders, billing, platform);

        assertThat(rows("SELECT f.target || ' ' || o.kind || ' ' || o.status FROM notification_outbox o "
                + "JOIN finding f USING (fingerprint) WHERE o.channel = 'slack' ORDER BY 1")).containsExactly(
                "billing-db digest sent", "billing-db trigger digested", "orders-db trigger digested",
                "prod trigger sent", "smartcloudops-db trigger digested");
        server.verify(2, postRequestedFor(urlEqualTo(SLACK)));
        server.verify(1, postRequestedFor(urlEqualTo(SLACK))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#database-alerts")))
                .withRequestBody(matchingJsonPath("$.text", equalTo("3 new findings (3 P1)")))
                .withRequestBody(matchingJsonPath("$.blocks[1].text.text", equalTo(
                        "• [P1] PG-204 PG-204 title (billing-db, Database/&lt;!channel&gt; &amp; &lt;b&gt;)\n"
                                + "• [P1] PG-204 PG-204 title (orders-db, Database/orders)\n"
                                + "• [P1] PG-204 PG-204 title (smartcloudops-db, Database/app)")))
                .withRequestBody(matchingJsonPath("$.blocks[2].text.text",
                        equalTo("<https://reports.example/audit/" + run + "/report.html|Audit report>"))));
        server.verify(1, postRequestedFor(urlEqualTo(SLACK))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#platform-alerts"))));
        JsonNode json = JSON.readTree(notifier.write(run, tmp).toFile());
        assertThat(json.findValuesAsString("status")).contains("digested", "sent");

        clock.advance(Duration.ofMinutes(61));
        assertThat(escalateJob(notifier).escalated()).isEqualTo(4);
    }

    @Test
    void aRejectedNotificationFailsWithoutRetry() throws Exception {
        server.stubFor(post(urlEqualTo("/tickets")).willReturn(aResponse().withStatus(400).withBody("bad ticket")));

        run(notifier(3), null, p2);

        assertThat(rows("SELECT status || ' ' || attempts || ' ' || last_error FROM notification_outbox"))
                .containsExactly("failed 1 POST " + server.baseUrl() + ": HTTP 400: bad ticket");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }
}
