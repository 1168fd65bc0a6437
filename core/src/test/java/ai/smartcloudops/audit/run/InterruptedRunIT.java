package ai.smartcloudops.audit.run;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.cli.JarProcess.Result;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run of the packaged jar interrupted the two ways a CronJob's run is: its store stops while it sweeps (the first
 * probe of a failing health URL stops it) and comes back on the same port and data directory, or the process is
 * killed with -9 in its sweep or while it notifies. The run, or {@code run --restart} when the run could not finish,
 * ends with the findings, outbox and Slack messages of a run that was never interrupted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptedRunIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FINDINGS = "SELECT code || ' ' || resource_name || ' ' || state FROM finding"
            + " NATURAL LEFT JOIN finding_verdict "
            + "ORDER BY 1";
    private static final String OUTBOX = "SELECT fingerprint || ' ' || channel || ' ' || kind || ' ' || status "
            + "FROM notification_outbox ORDER BY 1";

    @TempDir
    static Path tmp;

    private HttpServer app;
    private WireMockServer slack;
    private Path config;
    private String reference;
    private List<String> referencePosts;
    /** What the next probe of /down does to the store before it answers 503 (once). */
    private volatile Runnable fault;
    private EmbeddedPostgres store;
    private Path storeDir;
    private int port;

    @BeforeAll
    void referenceRun() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/up", exchange -> answer(exchange, 200));
        app.createContext("/down", exchange -> {
            Runnable once = fault;
            fault = null;
            if (once != null) {
                once.run();
            }
            answer(exchange, 503);
        });
        app.start();
        slack = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slack.start();
        answerSlack();
        config = Files.writeString(tmp.resolve("app.yml"), """
                health-audit:
                  app:
                    services:
                      - name: smartcloudops-api
                        urls: {replica-1: "http://127.0.0.1:%1$d/up", replica-2: "http://127.0.0.1:%1$d/down"}
                      - name: smartcloudops-reports
                        urls: {replica-1: "http://127.0.0.1:%1$d/down"}
                  notify:
                    slack: {webhook-url: "%2$s/slack"}
                """.formatted(app.getAddress().getPort(), slack.baseUrl()));
        reference = TestDatabase.newDatabase();
        assertThat(run(reference, "run", "nightly").exitCode()).isZero();
        referencePosts = slackTexts();
        assertThat(referencePosts).hasSize(2);
        slack.resetRequests();
    }

    @AfterAll
    void stopServers() {
        app.stop(0);
        slack.stop();
    }

    @AfterEach
    void stopStore() throws IOException {
        answerSlack();
        fault = null;
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Test
    void aStoreGoneUntilTheRunEndedIsOneLineAndTheRestartFinishesTheRunAsIfItHadStayed() throws Exception {
        String url = newStore("gone");
        fault = this::closeStore;

        long started = System.nanoTime();
        Result lost = run(url, "run", "nightly");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertOneLine(lost);
        assertThat(seconds).isLessThan(60);
        assertThat(slackTexts()).isEmpty();

        store = startStore();
        assertRestartFinishesAsTheReference(url);
    }

    /**
     * Back before the sweep ended: the sweep holds no connection while it runs, and stores what it saw on a fresh one
     * when the pool's was broken by the restart, so the run completes as if the store had stayed.
     */
    @Test
    void aStoreThatRestartsDuringTheSweepCostsTheRunNothing() throws Exception {
        String url = newStore("bounced");
        fault = () -> {
            closeStore();
            try {
                store = startStore();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        Result bounced = run(url, "run", "nightly");

        assertThat(bounced.exitCode()).as(bounced.output()).isZero();
        assertThat(fault).as("the store restarted during the sweep").isNull();
        assertThat(rows(url, "SELECT status FROM batch_job_execution")).containsExactly("COMPLETED");
        assertThat(rows(url, FINDINGS)).isNotEmpty().isEqualTo(rows(reference, FINDINGS));
        assertThat(rows(url, OUTBOX)).isNotEmpty().isEqualTo(rows(reference, OUTBOX));
        assertThat(slackTexts()).containsExactlyInAnyOrderElementsOf(referencePosts);
    }

    @Test
    void aRunKilledInItsSweepIsFinishedByTheRestart() throws Exception {
        String url = newStore("killed-in-sweep");
        Process process = jar(url, "run", "nightly").start();
        fault = process::destroyForcibly;

        Result killed = JarProcess.finish(process, Duration.ofSeconds(120));

        assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);
        assertThat(rows(url, "SELECT status FROM batch_job_execution")).containsExactly("STARTED");
        assertThat(slackTexts()).isEmpty();
        assertRestartFinishesAsTheReference(url);
    }

    /**
     * The step is held where it first writes or reads its table (the test locks the table), so the kill lands in it
     * and nowhere else.
     */
    @ParameterizedTest
    @CsvSource({"nightly.diff, finding_state", "nightly.escalate, notification_outbox",
            "nightly.report, maintenance_verdict"})
    void aRunKilledInAnyStepIsFinishedByTheRestart(String step, String table) throws Exception {
        String url = TestDatabase.newStore();
        Process process;
        try (Connection lock = DriverManager.getConnection(url); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            process = jar(url, "run", "nightly").start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String running = "SELECT status FROM batch_step_execution WHERE step_name = '" + step + "'";
            while (rows(url, running).isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(rows(url, running)).as(step + " holds").containsExactly("STARTED");
            process.destroyForcibly();
            lock.rollback();
        }
        Result killed = JarProcess.finish(process, Duration.ofSeconds(30));

        assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);
        assertRestartFinishesAsTheReference(url, step);
    }

    @Test
    void aRunKilledWhileItNotifiesLosesNoNotificationAndRepeatsAtMostTheOneInFlight() throws Exception {
        String url = newStore("killed-in-notify");
        slack.stubFor(post(urlEqualTo("/slack")).willReturn(ok("ok").withFixedDelay(60_000)));
        Process process = jar(url, "run", "nightly").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (slackTexts().isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(slackTexts()).as("a Slack message in flight").hasSize(1);
        process.destroyForcibly();
        Result killed = JarProcess.finish(process, Duration.ofSeconds(30));
        assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);
        assertThat(rows(url, "SELECT step_name || ' ' || status FROM batch_step_execution "
                + "WHERE step_name = 'nightly.notify'")).containsExactly("nightly.notify STARTED");
        String inFlight = slackTexts().get(0);
        answerSlack();

        Result restarted = run(url, "run", "--restart", "1");

        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(rows(url, FINDINGS)).isNotEmpty().isEqualTo(rows(reference, FINDINGS));
        assertThat(rows(url, OUTBOX)).isEqualTo(rows(reference, OUTBOX));
        // Slack has no idempotency key: the message in flight when the process died may arrive twice, no other
        List<String> sent = new ArrayList<>(slackTexts());
        sent.add(inFlight);
        assertThat(sent).containsAll(referencePosts).hasSizeBetween(referencePosts.size(),
                referencePosts.size() + 1);
    }

    /** One line says it, after the lines of the areas the sweep finished (a log's progress, not on a terminal). */
    private static void assertOneLine(Result lost) {
        assertThat(lost.exitCode()).as(lost.output()).isEqualTo(ExitCodes.FAILED);
        List<String> said = lost.output().strip().lines()
                .filter(line -> !line.matches("[a-z]+ +\\d+/\\d+ +checks .*")).toList();
        assertThat(said).as(lost.output()).hasSize(1);
        assertThat(said.get(0)).startsWith("health-audit: lost the store during run 1: ")
                .endsWith("; once it is back, finish the run with: health-audit run --restart 1");
        assertThat(lost.output()).endsWith(said.get(0) + "\n").doesNotContain("password");
    }

    private void assertRestartFinishesAsTheReference(String url) throws Exception {
        assertRestartFinishesAsTheReference(url, "nightly.sweep");
    }

    /** The restart ran {@code interrupted} again and every other step once, to the reference run's results. */
    private void assertRestartFinishesAsTheReference(String url, String interrupted) throws Exception {
        Result restarted = run(url, "run", "--restart", "1");

        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(rows(url, "SELECT status FROM audit_run")).containsExactly("COMPLETED");
        assertThat(rows(url, "SELECT status FROM batch_job_execution ORDER BY job_execution_id"))
                .containsExactly("FAILED", "COMPLETED");
        assertThat(rows(url, "SELECT step_name || ' ' || count(*) FROM batch_step_execution GROUP BY step_name "
                + "ORDER BY step_name")).containsExactlyElementsOf(Stream.of("nightly.diff", "nightly.escalate",
                "nightly.join", "nightly.notify", "nightly.publish", "nightly.report", "nightly.sweep")
                .map(step -> step + (step.equals(interrupted) ? " 2" : " 1")).toList());
        assertThat(rows(url, FINDINGS)).isNotEmpty().isEqualTo(rows(reference, FINDINGS));
        assertThat(rows(url, OUTBOX)).isNotEmpty().isEqualTo(rows(reference, OUTBOX));
        assertThat(slackTexts()).containsExactlyInAnyOrderElementsOf(referencePosts);
    }

    /** A store in a data directory of its own, on a free port it keeps when it comes back; its JDBC URL. */
    private String newStore(String name) throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        storeDir = tmp.resolve(name);
        store = startStore();
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&password=postgres";
    }

    private EmbeddedPostgres startStore() throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(storeDir).setCleanDataDirectory(false)
                .start();
    }

    private void closeStore() {
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Slack answers at once, and has received nothing. */
    private void answerSlack() {
        slack.resetAll();
        slack.stubFor(post(urlEqualTo("/slack")).willReturn(ok("ok")));
    }

    /** What each Slack message said (its fallback text names the code, the severity and the resource). */
    private List<String> slackTexts() {
        return slack.findAll(postRequestedFor(urlEqualTo("/slack"))).stream()
                .map(request -> JSON.readTree(request.getBodyAsString()).path("text").asString()).toList();
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Result run(String url, String... args) throws Exception {
        return JarProcess.run(jar(url, args), Duration.ofSeconds(120));
    }

    private ProcessBuilder jar(String url, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--config", config.toString(), "--store", url, "--out", tmp.resolve("out").toString()));
        return JarProcess.of(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + tmp), command);
    }

    private static List<String> rows(String url, String sql) throws SQLException {
        return TestDatabase.rows(url, sql);
    }
}
