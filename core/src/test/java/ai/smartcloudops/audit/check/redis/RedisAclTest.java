package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.run.Sweep;
import ai.smartcloudops.audit.run.Sweeps;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The Redis checks through the sweep against the embedded redis-server, as an ACL user that may not run every
 * command they need: a refused command is coverage "partial" and one AUDIT-904 naming the ACL rule, never silence.
 */
class RedisAclTest {

    /** How redis-server 6.2 refuses a command to an ACL user. */
    private static final String NOPERM = "NOPERM this user has no permissions to run the '%s' command or its "
            + "subcommand";
    private static final String NOPERM_SLOWLOG = NOPERM.formatted("slowlog");

    @Test
    void aCommandTheAclRefusesIsPartialCoverageAndOneAudit904NamingTheRule() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start()) {
            try (Jedis admin = redis.client()) {
                admin.aclSetUser("audit", "on", ">audit-pw", "~*", "+@all", "-slowlog", "-config");
            }
            RedisTargets targets = redis.targets(Map.of("instances[0].username", "audit",
                    "instances[0].password", "audit-pw"));

            Sweep.Result result = Sweeps.nightly(new RedisSlowlogCheck(targets), new RedisPersistenceCheck(targets),
                    new RedisFragmentationCheck(targets));

            assertThat(result.coverage()).extracting(Coverage::check, Coverage::status, Coverage::reason)
                    .containsExactlyInAnyOrder(
                            tuple("redis.slowlog", CoverageStatus.PARTIAL, "needs ACL +slowlog: the answer to SLOWLOG ("
                                    + NOPERM_SLOWLOG + ")"),
                            tuple("redis.persistence", CoverageStatus.PARTIAL,
                                    "needs ACL +config: the answer to CONFIG ("
                                    + NOPERM.formatted("config") + ")"),
                            tuple("redis.fragmentation", CoverageStatus.RAN, null));
            assertThat(result.findings()).extracting(f -> f.code().code(), Finding::severity, Finding::resource,
                    Finding::title, Finding::checkId).containsExactlyInAnyOrder(
                    tuple("AUDIT-904", Severity.P3, Resource.of("Permission", "ACL +slowlog"),
                            "The audit cannot see all of cache: needs ACL +slowlog", "redis.slowlog"),
                    tuple("AUDIT-904", Severity.P3, Resource.of("Permission", "ACL +config"),
                            "The audit cannot see all of cache: needs ACL +config", "redis.persistence"));
            assertThat(result.findings()).filteredOn(f -> f.checkId().equals("redis.slowlog")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.detail()).isEqualTo("The audit's identity may not see the answer to SLOWLOG ("
                                + NOPERM_SLOWLOG + "), so redis.slowlog saw only part of cache (coverage partial). "
                                + "What it could not see is not audited: no finding there means unknown, not healthy.");
                        assertThat(f.remediation()).isEqualTo("# cache: give the audit's identity ACL +slowlog, so "
                                + "it sees the answer to SLOWLOG (" + NOPERM_SLOWLOG + "); for example\n"
                                + "# ACL SETUSER audit +slowlog # on ElastiCache: add +slowlog to the user's access "
                                + "string\n"
                                + "# (the read-only roles and policies are in docs/operations.md), then audit it "
                                + "again:\n"
                                + "health-audit run nightly --only redis --target cache");
                    });
        }
    }

    @Test
    void theSameChecksAsAUserTheAclAllowsRanInFull() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start()) {
            try (Jedis admin = redis.client()) {
                admin.aclSetUser("audit", "on", ">audit-pw", "~*", "+@all");
            }
            RedisTargets targets = redis.targets(Map.of("instances[0].username", "audit",
                    "instances[0].password", "audit-pw"));

            Sweep.Result result = Sweeps.nightly(new RedisSlowlogCheck(targets), new RedisPersistenceCheck(targets));

            assertThat(result.coverage()).extracting(Coverage::status).containsOnly(CoverageStatus.RAN);
            assertThat(result.findings()).isEmpty();
        }
    }
}
