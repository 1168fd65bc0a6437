package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.store.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The nightly and hourly jobs through the command line against a real redis-server driven into its faults. */
class RedisChecksIT {

    @TempDir
    Path tmp;

    private RedisFixtures redis;
    private String store;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        redis = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy noeviction");
        store = TestDatabase.newDatabase();
        config = tmp.resolve("redis.yml");
        Files.writeString(config, """
                health-audit:
                  redis:
                    instances:
                      - name: cache
                        host: 127.0.0.1
                        port: %d
                        timeout: 2s
                """.formatted(redis.port));
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    @Test
    void twoNightlyRunsReportTheFaultsAndTheHitRateOverTheSecondRunsWindow() throws Exception {
        RedisMemoryCheckTest.fillUntilOom(redis);
        try (Jedis jedis = redis.client()) {
            jedis.configSet("slowlog-log-slower-than", "0");
        }
        redis.lookups(500, 100);                         // a good start: 83% of 601 lookups

        CliRun first = nightly();

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(rows("SELECT code || ' ' || resource_kind || '/' || resource_name FROM finding WHERE run_id = 1 "
                + "ORDER BY code"))
                .containsExactly("REDIS-102 Redis/cache", "REDIS-103 Redis/cache", "REDIS-110 Redis/cache",
                        "REDIS-111 Redis/cache");
        assertThat(rows("SELECT severity FROM finding WHERE run_id = 1 AND code <> 'REDIS-102' ORDER BY code"))
                .containsExactly("P1", "P3", "P1");
        assertThat(rows("SELECT check_id || ' ' || status FROM check_execution WHERE run_id = 1 ORDER BY check_id"))
                .containsExactly("redis.clients ran", "redis.eviction-policy ran", "redis.evictions ran",
                        "redis.fragmentation ran", "redis.hit-rate ran", "redis.memory ran", "redis.persistence ran",
                        "redis.replication ran", "redis.slowlog ran");

        redis.lookups(30, 270);                          // the application now misses: 10% in this window,
                                                         // and its one write is refused with OOM

        CliRun second = nightly();

        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(rows("SELECT code || ' ' || state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE run_id = 2 ORDER BY code"))
                .containsExactly("REDIS-101 new", "REDIS-102 persisting", "REDIS-103 persisting",
                        "REDIS-110 persisting", "REDIS-111 persisting");
        // full at 99-101 % (the audit's own connections hold a few of the 2 MB): whichever it was, it holds
        assertThat(rows("SELECT DISTINCT severity FROM finding WHERE code = 'REDIS-102'")).hasSize(1);
        assertThat(rows("SELECT severity FROM finding WHERE run_id = 2 AND code <> 'REDIS-102' ORDER BY code"))
                .containsExactly("P2", "P1", "P3", "P1");
        assertThat(rows("SELECT title FROM finding WHERE run_id = 2 AND code = 'REDIS-101'")).singleElement()
                .satisfies(title -> assertThat(title).startsWith("Redis cache cache hit rate is 10% since the "
                        + "previous run at "));
        assertThat(rows("SELECT evidence FROM finding WHERE run_id = 2 AND code = 'REDIS-101'")).singleElement()
                .satisfies(evidence -> assertThat(evidence).contains("\"hits\"").contains("\"30\"")
                        .contains("\"misses\"").contains("\"270\""));
        assertThat(rows("SELECT name || '=' || value FROM metric_sample WHERE run_id = 2 AND name LIKE "
                + "'redis.keyspace%' ORDER BY name"))
                .containsExactly("redis.keyspace_hits=530", "redis.keyspace_misses=370");
    }

    @Test
    void aMemorySeverityNearItsEdgeHoldsFromOneRunToTheNext() throws Exception {
        Files.writeString(config, Files.readString(config) + """
                        thresholds: {memory-warn-percent: 50, memory-critical-percent: 80}
                """);
        RedisMemoryCheckTest.useAbout(redis, 82);

        assertThat(nightly().exitCode()).isZero();
        RedisMemoryCheckTest.useAbout(redis, 79);          // 1 point under the critical edge: within its margin
        assertThat(nightly().exitCode()).isZero();
        assertThat(nightly().exitCode()).isZero();         // the same input again

        assertThat(rows("SELECT run_id || ' ' || severity || ' ' || state FROM finding"
                + " NATURAL LEFT JOIN finding_verdict WHERE code = 'REDIS-102' "
                + "ORDER BY run_id")).containsExactly("1 P1 new", "2 P1 persisting", "3 P1 persisting");
        assertThat(rows("SELECT title FROM finding WHERE run_id = 3 AND code = 'REDIS-102'")).singleElement()
                .satisfies(title -> assertThat(title).matches("Redis cache memory is at 7[89](\\.\\d)?% of maxmemory"));
    }

    @Test
    void anHourlyRunComparesWithTheNightlyRunsSampleAndDoesNotRaiseARejectionTheNightlyResolved() throws Exception {
        rejectConnections(2);
        CliRun first = nightly();
        CliRun second = nightly();
        rejectConnections(1);
        CliRun third = hourly();
        CliRun fourth = hourly();

        assertThat(List.of(first, second, third, fourth))
                .allSatisfy(run -> assertThat(run.exitCode()).as(run.err()).isZero());
        // the hourly job's first run counts from the nightly run's sample: 1 rejection, not the 3 since the start
        String nightlySample = rows("SELECT extract(epoch FROM taken_at) FROM metric_sample WHERE run_id = 2 "
                + "AND name = 'redis.rejected_connections'").get(0);
        assertThat(rows("SELECT run_id || ' ' || state || ' ' || title FROM finding "
                + "NATURAL LEFT JOIN finding_verdict WHERE code = 'REDIS-105' ORDER BY run_id")).satisfiesExactly(
                        row -> assertThat(row).startsWith("1 new Redis cache rejected 2 connections since the server "
                                + "started at "),
                        row -> {
                            String prefix = "3 new Redis cache rejected 1 connections since the previous run at ";
                            assertThat(row).startsWith(prefix);
                            assertThat(Instant.parse(row.substring(prefix.length()))).isEqualTo(Instant.EPOCH
                                    .plusNanos(new BigDecimal(nightlySample).movePointRight(9).longValueExact()));
                        });
        assertThat(rows("SELECT status || ' ' || resolved_run FROM finding_state WHERE code = 'REDIS-105'"))
                .containsExactly("resolved 4");
    }

    /** Fills maxclients (10) with held connections, has {@code count} more refused, and lets every one go. */
    private void rejectConnections(int count) {
        List<Jedis> held = new ArrayList<>();
        try {
            Jedis admin = redis.client();
            held.add(admin);
            admin.configSet("maxclients", "10");
            while (held.size() < 10) {
                Jedis jedis = redis.client();
                held.add(jedis);
                jedis.ping();
            }
            for (int i = 0; i < count; i++) {
                assertThatThrownBy(() -> {
                    try (Jedis refused = redis.client()) {
                        refused.ping();
                    }
                }).hasMessageContaining("max number of clients");
            }
        } finally {
            held.forEach(Jedis::close);
        }
    }

    private CliRun nightly() {
        return run("nightly");
    }

    private CliRun hourly() {
        return run("hourly");
    }

    private CliRun run(String job) {
        return CliRun.of("run", job, "--only", "redis", "--config", config.toString(), "--store", store,
                "--out", tmp.resolve("out").toString());
    }

    private List<String> rows(String sql) throws SQLException {
        return TestDatabase.rows(store, sql);
    }
}
