package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The nightly job through the command line, twice, against a real redis-server driven into its faults. */
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
        assertThat(rows("SELECT code || ' ' || severity || ' ' || resource_kind || '/' || resource_name "
                + "FROM finding WHERE run_id = 1 ORDER BY code"))
                .containsExactly("REDIS-102 P1 Redis/cache", "REDIS-103 P1 Redis/cache", "REDIS-110 P3 Redis/cache");
        assertThat(rows("SELECT check_id || ' ' || status FROM check_execution WHERE run_id = 1 ORDER BY check_id"))
                .containsExactly("redis.clients ran", "redis.eviction-policy ran", "redis.evictions ran",
                        "redis.fragmentation ran", "redis.hit-rate ran", "redis.memory ran", "redis.persistence ran",
                        "redis.replication ran", "redis.slowlog ran");

        redis.lookups(30, 270);                          // the application now misses: 10% in this window,
                                                         // and its one write is refused with OOM

        CliRun second = nightly();

        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(rows("SELECT code || ' ' || severity || ' ' || state FROM finding WHERE run_id = 2 ORDER BY code"))
                .containsExactly("REDIS-101 P2 new", "REDIS-102 P1 persisting", "REDIS-103 P1 persisting",
                        "REDIS-110 P3 persisting");
        assertThat(rows("SELECT title FROM finding WHERE run_id = 2 AND code = 'REDIS-101'")).singleElement()
                .satisfies(title -> assertThat(title).startsWith("Redis cache cache hit rate is 10.0% since the "
                        + "previous run at "));
        assertThat(rows("SELECT evidence FROM finding WHERE run_id = 2 AND code = 'REDIS-101'")).singleElement()
                .satisfies(evidence -> assertThat(evidence).contains("\"hits\"").contains("\"30\"")
                        .contains("\"misses\"").contains("\"270\""));
        assertThat(rows("SELECT name || '=' || value FROM metric_sample WHERE run_id = 2 AND name LIKE "
                + "'redis.keyspace%' ORDER BY name"))
                .containsExactly("redis.keyspace_hits=530", "redis.keyspace_misses=370");
    }

    private CliRun nightly() {
        return CliRun.of("run", "nightly", "--only", "redis", "--config", config.toString(), "--store", store,
                "--out", tmp.resolve("out").toString());
    }

    private List<String> rows(String sql) throws SQLException {
        return TestDatabase.rows(store, sql);
    }
}
