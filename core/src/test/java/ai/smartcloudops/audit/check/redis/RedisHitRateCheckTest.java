package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Sample;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisHitRateCheckTest {

    private RedisFixtures redis;
    private RedisHitRateCheck check;

    @BeforeEach
    void start() {
        redis = RedisFixtures.start();
        check = new RedisHitRateCheck(redis.targets());
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    private List<Finding> run(Instant now, Samples samples) throws Exception {
        CheckContext context = RedisFixtures.context(check, now, samples);
        return context.findings(check);
    }

    @Test
    void missHeavyWorkloadOnAFirstRunIsRedis101SinceTheServerStarted() throws Exception {
        redis.lookups(20, 180);
        Samples samples = Samples.none();

        List<Finding> findings = run(Instant.now(), samples);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("REDIS-101");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
            assertThat(f.target()).isEqualTo("cache");
            assertThat(f.checkId()).isEqualTo("redis.hit-rate");
            assertThat(f.title()).startsWith("Redis cache cache hit rate is 10% since the server started at ");
            assertThat(f.evidence()).containsEntry("hits", "20").containsEntry("misses", "180")
                    .containsEntry("rate", "10%").containsEntry("threshold", "80%");
            assertThat(f.evidence().get("window")).startsWith("since the server started at ");
            assertThat(f.detail()).startsWith("20 keyspace hits and 180 misses since the server started at ");
            assertThat(f.remediation()).contains(redis.cli() + " info stats | grep keyspace")
                    .contains(redis.cli() + " info memory")
                    .contains("aws elasticache describe-cache-clusters --cache-cluster-id cache")
                    .contains("CACHE_EVICTION_POLICY: \"allkeys-lru\"");
        });
        assertThat(samples.recorded()).containsEntry(new Sample.Key("cache", "redis.keyspace_hits"), 20.0)
                .containsEntry(new Sample.Key("cache", "redis.keyspace_misses"), 180.0)
                .containsKey(new Sample.Key("cache", "redis.origin"));
    }

    @Test
    void aGoodRateOrTooFewLookupsIsNoFinding() throws Exception {
        redis.lookups(5, 94);   // 99 lookups: too few to judge
        assertThat(run(Instant.now(), Samples.none())).isEmpty();

        redis.lookups(900, 0);  // 905 hits, 94 misses: 90.6%
        assertThat(run(Instant.now(), Samples.none())).isEmpty();
    }

    @Test
    void aServerSampledBeforeButNotForTheseCountersReportsNoRateSinceItsStart() throws Exception {
        redis.lookups(20, 180);                       // 10% since the start
        Instant first = Instant.now();
        Samples run1 = Samples.none();                // a run that sampled evictions only
        RedisEvictionsCheck evictions = new RedisEvictionsCheck(redis.targets());
        assertThat(evictions.run(RedisFixtures.context(evictions, first, run1))).isEmpty();

        Samples run2 = SampleHistory.after(run1, first);
        assertThat(run(Instant.now(), run2)).isEmpty();
        // its counters are kept: the next run has its window
        assertThat(run2.recorded()).containsEntry(new Sample.Key("cache", "redis.keyspace_misses"), 180.0);
    }

    @Test
    void withoutARestartTheRateIsTheDifferenceSinceThePreviousRun() throws Exception {
        redis.lookups(1000, 0);                       // a good history: alone it would be 100%
        Instant first = Instant.now();
        Samples run1 = Samples.none();
        assertThat(run(first, run1)).isEmpty();

        redis.lookups(30, 170);                       // the window: 30 hits and 170 misses (SET is no lookup)
        List<Finding> findings = run(Instant.now(), SampleHistory.after(run1, first));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.evidence()).containsEntry("hits", "30").containsEntry("misses", "170")
                    .containsEntry("rate", "15%")
                    .containsEntry("window", "since the previous run at " + first);
            assertThat(f.title()).isEqualTo("Redis cache cache hit rate is 15% since the previous run at " + first);
        });
    }

    @Test
    void aRestartBetweenRunsMakesTheWindowSinceTheNewStartNotANegativeDifference() throws Exception {
        redis.lookups(5000, 50);
        Instant first = Instant.now();
        Samples run1 = Samples.none();
        assertThat(run(first, run1)).isEmpty();

        redis.restart();                              // counters reset, run_id changes
        redis.lookups(40, 160);
        List<Finding> findings = run(Instant.now(), SampleHistory.after(run1, first));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.evidence()).containsEntry("hits", "40").containsEntry("misses", "160")
                    .containsEntry("rate", "20%");
            String since = "since the server started at ";
            assertThat(f.evidence().get("window")).startsWith(since);
            assertThat(Instant.parse(f.evidence().get("window").substring(since.length())))
                    .isAfterOrEqualTo(first.truncatedTo(ChronoUnit.SECONDS));
        });
    }

    @Test
    void countersThatWentDownStartANewWindowEvenWithoutARecordedOrigin() throws Exception {
        redis.lookups(10, 190);
        Instant first = Instant.now();
        // a previous run whose counters were higher, recorded before the server's origin was
        Samples previous = new Samples((target, name) -> switch (name) {
            case "redis.keyspace_hits" -> java.util.Optional.of(new Sample(7000, first));
            case "redis.keyspace_misses" -> java.util.Optional.of(new Sample(10, first));
            default -> java.util.Optional.empty();
        });

        assertThat(run(Instant.now(), previous)).singleElement().satisfies(f -> {
            assertThat(f.evidence()).containsEntry("hits", "10").containsEntry("misses", "190")
                    .containsEntry("window", "since the counters were reset, after the previous run at " + first);
        });
    }
}
