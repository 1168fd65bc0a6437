package ai.smartcloudops.audit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.check.redis.RedisCode;
import ai.smartcloudops.audit.store.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What the store gives a run of the samples and findings before it, on a migrated store. */
class SampleWindowStoreTest {

    private static final String TARGET = "cache";
    private static final String REJECTED = "redis.rejected_connections";
    /** Recent: a sweep stores its samples now and prunes those long older than a newer one. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));

    private JdbcClient jdbc;
    private FindingStore store;

    @BeforeEach
    void start() {
        DataSource dataSource = new DriverManagerDataSource(TestDatabase.newStore());
        jdbc = JdbcClient.create(dataSource);
        store = new FindingStore(dataSource, TestCatalogue.get());
    }

    /** A run of {@code job} that recorded {@code rejected} for the cache, taken {@code minutes} after T0. */
    private long run(String job, double rejected, int minutes) {
        long id = jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status) "
                + "VALUES (?, 'test', ?, 'COMPLETED') RETURNING id").params(job, Timestamp.from(T0))
                .query(Long.class).single();
        store.saveSweep(id, 0, List.of(), List.of(), Map.of(new Sample.Key(TARGET, REJECTED), rejected));
        jdbc.sql("UPDATE metric_sample SET taken_at = ? WHERE run_id = ?")
                .params(Timestamp.from(T0.plusSeconds(60L * minutes)), id).update();
        return id;
    }

    @Test
    void thePreviousSampleIsTheLatestAnyJobTookAndNeverTheRunsOwn() {
        run("nightly", 5, 0);
        long hourly = run("hourly", 5, 60);
        // a nightly run that started before the hourly one and stored its sample later
        long nightly = run("nightly", 7, 90);
        long current = run("hourly", 8, 120);

        assertThat(store.previousSample(current, TARGET, REJECTED))
                .contains(new Sample(7, T0.plusSeconds(90 * 60)));
        assertThat(store.previousSample(nightly, TARGET, REJECTED))
                .contains(new Sample(8, T0.plusSeconds(120 * 60)));
        assertThat(store.previousSample(hourly, TARGET, "redis.evicted_keys")).isEmpty();
        assertThat(store.previousSample(hourly, "other", REJECTED)).isEmpty();
    }

    /** The many numbers of one source in one read: each name's latest, literally under the prefix, never the run's. */
    @Test
    void samplesUnderAPrefixAreTheLatestOfEachNameBeforeTheRun() {
        long first = run("nightly", 1, 0);
        long second = run("hourly", 2, 60);
        long current = run("hourly", 3, 120);
        Map<Sample.Key, Double> older = Map.of(new Sample.Key(TARGET, "pg_stat_statements 1 calls"), 10.0,
                new Sample.Key(TARGET, "pg_stat_statements 2 calls"), 20.0);
        Map<Sample.Key, Double> newer = Map.of(new Sample.Key(TARGET, "pg_stat_statements 1 calls"), 11.0,
                new Sample.Key(TARGET, "pg_stat_statementsX 3 calls"), 30.0,
                new Sample.Key("other", "pg_stat_statements 1 calls"), 40.0);
        store.saveSweep(first, 0, List.of(), List.of(), older);
        store.saveSweep(second, 0, List.of(), List.of(), newer);
        store.saveSweep(current, 0, List.of(), List.of(), Map.of(new Sample.Key(TARGET, "pg_stat_statements 1 calls"),
                12.0));
        jdbc.sql("UPDATE metric_sample SET taken_at = ? WHERE run_id = ?").params(Timestamp.from(T0), first).update();
        jdbc.sql("UPDATE metric_sample SET taken_at = ? WHERE run_id = ?")
                .params(Timestamp.from(T0.plusSeconds(3600)), second).update();

        assertThat(store.previousSamples(current, TARGET, "pg_stat_statements ")).containsOnly(
                Map.entry("pg_stat_statements 1 calls", new Sample(11, T0.plusSeconds(3600))),
                Map.entry("pg_stat_statements 2 calls", new Sample(20, T0)));
        // starts_with, not LIKE: an underscore or a percent sign in a prefix is itself
        assertThat(store.previousSamples(current, TARGET, "pg_stat_statement_")).isEmpty();
        assertThat(store.previousSamples(current, TARGET, "pg_stat_statements%")).isEmpty();
    }

    @Test
    void samplesLongSinceReplacedArePrunedAndTheLatestOfEachNumberIsKeptHoweverOld() {
        long old = run("nightly", 1, 0);
        jdbc.sql("INSERT INTO metric_sample (run_id, shard, target, name, value, taken_at) VALUES (?, 0, 'gone', ?, 3, ?)")
                .params(old, REJECTED, Timestamp.from(Instant.now().minus(Duration.ofDays(400)))).update();
        jdbc.sql("UPDATE metric_sample SET taken_at = ? WHERE run_id = ? AND target = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(30))), old, TARGET).update();
        long recent = run("nightly", 2, 0);
        jdbc.sql("UPDATE metric_sample SET taken_at = ? WHERE run_id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(13))), recent).update();
        long latest = run("nightly", 4, 0);
        jdbc.sql("UPDATE metric_sample SET taken_at = now() WHERE run_id = ?").param(latest).update();

        store.saveSweep(latest, 0, List.of(), List.of(), Map.of(new Sample.Key(TARGET, REJECTED), 4.0));

        // 30 days old with newer ones: gone; 13 days old: kept for now; a number nothing replaced: kept
        assertThat(jdbc.sql("SELECT run_id || ' ' || target FROM metric_sample ORDER BY taken_at").query(String.class)
                .list()).containsExactly(old + " gone", recent + " " + TARGET, latest + " " + TARGET);
    }

    @Test
    void aFindingsSeverityIsOpenUntilARunResolvesIt() {
        Resource cache = new Resource("Redis", null, TARGET);
        Finding memory = Finding.of(RedisCode.REDIS_102, TARGET, cache).severity(Severity.P1).title("t").detail("d")
                .checkId("redis.memory").build();
        long first = run("nightly", 0, 0);
        store.saveSweep(first, 0, List.of(memory),
                List.of(new Coverage("redis.memory", TARGET, CoverageStatus.RAN, 1, 1, null)), Map.of());
        store.diff(first, null, T0, AuditCode.AUDIT_904);

        assertThat(store.openSeverity(memory.fingerprint())).contains(Severity.P1);

        long second = run("nightly", 0, 60);
        store.saveSweep(second, 0, List.of(),
                List.of(new Coverage("redis.memory", TARGET, CoverageStatus.RAN, 1, 0, null)), Map.of());
        store.diff(second, first, T0.plusSeconds(3600), AuditCode.AUDIT_904);

        assertThat(store.openSeverity(memory.fingerprint())).isEqualTo(Optional.empty());
    }
}
