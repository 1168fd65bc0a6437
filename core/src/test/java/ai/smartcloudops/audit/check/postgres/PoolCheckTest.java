package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.run.Sweep;
import ai.smartcloudops.audit.run.Sweeps;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The pool gauges read from a server that answers as the Prometheus HTTP API does. */
class PoolCheckTest {

    private static final String SIZE = "sum(sqlalchemy_pool_size{app=\"smartcloudops-api\"})";
    private static final String CHECKED_OUT = "sum(sqlalchemy_pool_checkedout{app=\"smartcloudops-api\"})";
    private static final String OVERFLOW = "sum(sqlalchemy_pool_overflow{app=\"smartcloudops-api\"})";

    private HttpServer prometheus;
    private final Map<String, String> answers = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        prometheus.createContext("/api/v1/query", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            String query = URLDecoder.decode(raw.substring(raw.indexOf("query=") + 6), StandardCharsets.UTF_8);
            String body = answers.getOrDefault(query, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                    + "\"result\":[]}}");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body.contains("\"error\"") ? 400 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        prometheus.start();
    }

    @AfterEach
    void stop() {
        prometheus.stop(0);
    }

    @Test
    void aPoolCheckedOutAtTheThresholdIsPg104AndOverflowMakesItP1() throws Exception {
        answers.put(SIZE, vector(20));
        answers.put(CHECKED_OUT, vector(18));
        answers.put(OVERFLOW, vector(0));

        assertThat(run()).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("PG-104");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Pool", null, PostgresFixtures.TARGET));
            assertThat(f.title()).isEqualTo("Connection pool of " + PostgresFixtures.TARGET
                    + " is 90% checked out (18 of 20)");
            assertThat(f.remediation()).contains("print(pool.size(), pool.checkedout(), pool.overflow()")
                    .contains("'query=" + CHECKED_OUT + "'")
                    .contains("\"DATABASE_POOL_SIZE\":\"20\",\"DATABASE_MAX_OVERFLOW\":\"10\"");
        });

        answers.put(CHECKED_OUT, vector(17));
        assertThat(run()).as("85% without overflow").isEmpty();

        answers.put(CHECKED_OUT, vector(20));
        answers.put(OVERFLOW, vector(4));
        assertThat(run()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.evidence()).containsEntry("overflow", "4").containsEntry("percent", "100");
        });
    }

    @Test
    void aGaugeThatVanishedOrFailsIsPg105NotSilence() throws Exception {
        answers.put(SIZE, vector(20));
        answers.put(OVERFLOW, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter "
                + "\\\"query\\\": 1:5: parse error\"}");

        List<Finding> findings = run();

        assertThat(findings).extracting(f -> f.code().code()).containsOnly("PG-105");
        assertThat(findings).extracting(f -> f.resource().name()).containsExactlyInAnyOrder(
                PostgresFixtures.TARGET + "/checked-out", PostgresFixtures.TARGET + "/overflow");
        assertThat(findings).filteredOn(f -> f.resource().name().endsWith("/checked-out")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.P3);
                    assertThat(f.title()).isEqualTo("Pool gauge checked-out of " + PostgresFixtures.TARGET
                            + " cannot be read from Prometheus");
                    assertThat(f.detail()).contains("returned no series");
                });
        assertThat(findings).filteredOn(f -> f.resource().name().endsWith("/overflow")).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("failed: bad_data: invalid parameter"));
    }

    @Test
    void aGaugeThatIsNotACountIsPg105AndAHostileErrorStaysText() throws Exception {
        answers.put(SIZE, vector(Double.NaN));
        answers.put(CHECKED_OUT, vector(Double.POSITIVE_INFINITY));
        answers.put(OVERFLOW, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"<script>x</script>\\r\\n"
                + "=HYPERLINK(\\\"http://evil\\\") $(reboot)\"}");

        List<Finding> findings = run();

        assertThat(findings).extracting(f -> f.resource().name(), f -> f.evidence().get("problem")).containsExactly(
                tuple(PostgresFixtures.TARGET + "/size", "returned NaN where a count was expected"),
                tuple(PostgresFixtures.TARGET + "/checked-out", "returned Infinity where a count was expected"),
                tuple(PostgresFixtures.TARGET + "/overflow",
                        "failed: bad_data: <script>x</script>\r\n=HYPERLINK(\"http://evil\") $(reboot)"));
    }

    @Test
    void aDatabaseWithoutPoolGaugesOrPgBouncerIsNotConfiguredInCoverageNotRan() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            PostgresTargets targets = db.targets();

            Sweep.Result result = Sweeps.nightly(new PoolCheck(targets, HttpLimits.DEFAULT),
                    new PgBouncerCheck(targets), new ConnectivityCheck(targets));

            assertThat(result.findings()).isEmpty();
            assertThat(result.coverage()).extracting(Coverage::check, Coverage::target, Coverage::status,
                    Coverage::reason).containsExactlyInAnyOrder(
                    tuple("postgres.pool", "orders-db", CoverageStatus.NOT_CONFIGURED,
                            "no pool gauges configured (health-audit.postgres.databases[].pool)"),
                    tuple("postgres.pgbouncer", "orders-db", CoverageStatus.NOT_CONFIGURED,
                            "no pgbouncer configured in front of this database "
                                    + "(health-audit.postgres.databases[].pgbouncer)"),
                    tuple("postgres.connectivity", "orders-db", CoverageStatus.RAN, null));
        }
    }

    private List<Finding> run() throws Exception {
        Map<String, String> source = new HashMap<>();
        source.put("health-audit.postgres.databases[0].name", PostgresFixtures.TARGET);
        source.put("health-audit.postgres.databases[0].url", "jdbc:postgresql://127.0.0.1:1/orders");
        source.put("health-audit.postgres.databases[0].pool.prometheus",
                "http://127.0.0.1:" + prometheus.getAddress().getPort());
        source.put("health-audit.postgres.databases[0].pool.size", SIZE);
        source.put("health-audit.postgres.databases[0].pool.checked-out", CHECKED_OUT);
        source.put("health-audit.postgres.databases[0].pool.overflow", OVERFLOW);
        PostgresProperties properties = new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("health-audit.postgres", PostgresProperties.class);
        PoolCheck check = new PoolCheck(new PostgresTargets(properties), HttpLimits.DEFAULT);
        return PostgresFixtures.context(check).findings(check);
    }

    private static String vector(double value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[1764374400.123,\"" + value + "\"]}]}}";
    }
}
