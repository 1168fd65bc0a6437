package ai.smartcloudops.audit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.store.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class ShardTest {

    private static final Instant NOW = Instant.parse("2026-11-29T02:30:00Z");

    @Test
    void anIndexedJobsEnvironmentMakesAShard() {
        assertThat(Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "2", "JOB_COMPLETIONS", "4",
                "HEALTH_AUDIT_RUN_KEY", "health-audit-fleet-29123")))
                .isEqualTo(new Shard(2, 4, "health-audit-fleet-29123"));
        assertThat(Shard.fromEnvironment(Map.of())).isEqualTo(Shard.SINGLE);
        assertThat(Shard.fromEnvironment(Map.of("HEALTH_AUDIT_RUN_KEY", "nightly-1")))
                .isEqualTo(new Shard(0, 1, "nightly-1"));
        assertThat(new Shard(1, 4, "k").describe()).isEqualTo("shard 2 of 4");
    }

    @Test
    void anIncompleteOrWrongEnvironmentIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "1")))
                .hasMessage("set both JOB_COMPLETION_INDEX and JOB_COMPLETIONS (an Indexed Job sets the index; the "
                        + "manifest sets the count to spec.completions), or neither");
        assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "4", "JOB_COMPLETIONS", "4",
                "HEALTH_AUDIT_RUN_KEY", "k")))
                .hasMessage("JOB_COMPLETION_INDEX must be between 0 and 3 (JOB_COMPLETIONS=4), got 4");
        assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0", "JOB_COMPLETIONS", "four")))
                .hasMessage("JOB_COMPLETIONS must be a whole number, got 'four'");
        assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0", "JOB_COMPLETIONS", "2")))
                .hasMessage("HEALTH_AUDIT_RUN_KEY is required when JOB_COMPLETIONS is above 1: the shards of one run "
                        + "find each other by it");
        assertThatThrownBy(() -> new Shard(0, 0, null)).hasMessage("JOB_COMPLETIONS must be at least 1, got 0");
    }

    @Test
    void theSharesOfAllShardsCoverEveryTargetExactlyOnceWhateverTheOrderTheyAreListedIn() {
        List<String> targets = IntStream.rangeClosed(1, 12).mapToObj(i -> "cluster-%02d".formatted(i)).toList();
        List<String> reversed = new ArrayList<>(targets);
        Collections.reverse(reversed);
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < 5; index++) {
            Set<String> share = new Shard(index, 5, "k").share(targets);
            assertThat(share).isEqualTo(new Shard(index, 5, "k").share(reversed)).hasSizeBetween(2, 3);
            share.forEach(t -> assertThat(seen.add(t)).as(t + " in one share only").isTrue());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(targets);
        assertThat(new Shard(0, 4, "k").share(List.of("b", "a", "b", "c", "e", "d")))
                .containsExactly("a", "e");
    }

    @Test
    void theFirstShardCreatesTheRunTheOthersJoinItAndExactlyOneSeesEveryShardSwept() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.newStore());
        RunStore runs = new RunStore(JdbcClient.create(dataSource));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        int count = 6;
        CyclicBarrier together = new CyclicBarrier(count);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Long>> joined = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Shard shard = new Shard(i, count, "fleet-1");
                joined.add(pool.submit(() -> {
                    together.await();
                    return runs.join("nightly", "cli", NOW, "", shard);
                }));
            }
            long runId = joined.get(0).get();
            for (Future<Long> f : joined) {
                assertThat(f.get()).isEqualTo(runId);
            }
            List<Future<RunStore.Swept>> swept = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<RunStore.Swept> done = () -> {
                    together.await();
                    return tx.execute(status -> runs.swept(runId, index, NOW));
                };
                swept.add(pool.submit(done));
            }
            List<RunStore.Swept> results = new ArrayList<>();
            for (Future<RunStore.Swept> f : swept) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(RunStore.Swept::all).hasSize(1);
            assertThat(results).extracting(RunStore.Swept::done).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
            // a retried shard stores its sweep again: still one row per shard
            RunStore.Swept again = tx.execute(status -> runs.swept(runId, 3, NOW));
            assertThat(again).isEqualTo(new RunStore.Swept(count, count));
            assertThat(runs.get(runId)).satisfies(run -> {
                assertThat(run.runKey()).isEqualTo("fleet-1");
                assertThat(run.shards()).isEqualTo(count);
                assertThat(run.score()).isNull();
            });
            assertThatThrownBy(() -> runs.join("nightly", "cli", NOW, "", new Shard(0, 2, "fleet-1")))
                    .hasMessageContaining("run key 'fleet-1' belongs to run " + runId + ", a nightly run of 6 shard(s)");
        } finally {
            pool.shutdownNow();
        }
    }
}
