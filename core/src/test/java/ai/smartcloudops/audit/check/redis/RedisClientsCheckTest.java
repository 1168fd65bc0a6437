package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class RedisClientsCheckTest {

    private static Jedis open(RedisFixtures redis) {
        Jedis jedis = redis.client();
        jedis.ping();
        return jedis;
    }

    private static void awaitClients(Jedis admin, long connected) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (RedisInfo.parse(admin.info("clients")).count("connected_clients") == connected) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("connected_clients never became " + connected);
    }

    @Test
    void clientsNearMaxclientsAreRedis106() throws Exception {
        List<Jedis> held = new ArrayList<>();
        try (RedisFixtures redis = RedisFixtures.start("maxclients 10")) {
            for (int i = 0; i < 8; i++) {
                held.add(open(redis));
            }
            List<Finding> findings = RedisFixtures.run(new RedisClientsCheck(redis.targets()));

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("REDIS-106");
                assertThat(f.severity()).isEqualTo(Severity.P2);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                // the 8 held and the check's own connection
                assertThat(f.title()).isEqualTo("Redis cache has 9 of 10 clients connected");
                assertThat(f.evidence()).containsEntry("percent", "90%").containsEntry("threshold", "90%");
                assertThat(f.remediation()).contains(redis.cli() + " info clients")
                        .contains(redis.cli() + " client list");
            });
        } finally {
            held.forEach(Jedis::close);
        }
    }

    @Test
    void refusedConnectionsSinceThePreviousRunAreRedis105() throws Exception {
        List<Jedis> held = new ArrayList<>();
        try (RedisFixtures redis = RedisFixtures.start()) {
            RedisClientsCheck check = new RedisClientsCheck(redis.targets());
            Instant first = Instant.now();
            Samples run1 = Samples.none();
            assertThat(RedisFixtures.context(check, first, run1).findings(check)).isEmpty();

            Jedis admin = open(redis);
            held.add(admin);
            admin.configSet("maxclients", "10");
            for (int i = 0; i < 9; i++) {
                held.add(open(redis));
            }
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> open(redis).close()).hasMessageContaining("max number of clients");
            }
            for (int i = 0; i < 5; i++) {
                held.remove(held.size() - 1).close();
            }
            awaitClients(admin, 5);

            assertThat(RedisFixtures.context(check, Instant.now(), SampleHistory.after(run1, first)).findings(check))
                    .singleElement().satisfies(f -> {
                        assertThat(f.code().code()).isEqualTo("REDIS-105");
                        assertThat(f.severity()).isEqualTo(Severity.P1);
                        assertThat(f.title()).isEqualTo("Redis cache rejected 2 connections since the previous run at "
                                + first);
                        assertThat(f.evidence()).containsEntry("rejected", "2").containsEntry("maxclients", "10")
                                .containsEntry("connected", "6");
                    });
        } finally {
            held.forEach(Jedis::close);
        }
    }
}
