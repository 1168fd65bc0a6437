package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AllChecks;
import ai.smartcloudops.audit.check.Check;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.RunScope;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The Redis checks of a run share one read of the instance, and they are every check the Redis codes name. */
class RedisSnapshotTest {

    @Test
    void everyRedisCheckOfTheCatalogueRunsAndTheyReadTheInstanceOnceOnOneConnection() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start()) {
            List<Check> checks = AllChecks.of(Area.REDIS, redis.targets());
            assertThat(checks).extracting(Check::id).containsExactlyInAnyOrderElementsOf(TestCatalogue.get().all()
                    .stream().filter(c -> c.area() == Area.REDIS).map(FindingCode::owner).distinct().toList());
            try (Jedis jedis = redis.client()) {
                jedis.configResetStat();
            }

            RunScope run = RunScope.first(1L, Instant.now());
            Set<String> ids = checks.stream().map(Check::id).collect(Collectors.toSet());
            for (Check check : checks) {
                (new CheckContext(run, check.id(), new Target(RedisFixtures.INSTANCE, RedisTargets.KIND),
                        ids)).findings(check);
            }

            try (Jedis jedis = redis.client()) {
                // counted once answered: this INFO is not among them yet
                assertThat(stat(jedis.info("commandstats"), "cmdstat_info:calls")).isEqualTo(1);
                // one connection to read it; this one to look is the second
                assertThat(stat(jedis.info("stats"), "total_connections_received")).isEqualTo(2);
            }
        }
    }

    private static long stat(String info, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "[:=](\\d+)").matcher(info);
        assertThat(m.find()).as("%s in %s", name, info).isTrue();
        return Long.parseLong(m.group(1));
    }
}
