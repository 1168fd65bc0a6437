package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.finding.Resource;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class RedisTargetsTest {

    private static final String PASSWORD = "s3cret-Auth-T0ken";

    @Test
    void theRightPasswordReadsTheInstance() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("requirepass " + PASSWORD, "maxmemory 2mb",
                "maxmemory-policy noeviction")) {
            RedisEvictionPolicyCheck check = new RedisEvictionPolicyCheck(redis.targets(
                    RedisFixtures.settings("instances[0].password", PASSWORD)));

            assertThat(RedisFixtures.run(check)).extracting(f -> f.code().code()).containsExactly("REDIS-103");
        }
    }

    @Test
    void aWrongPasswordSkipsWithAudit903NamingTheInstanceNeverThePassword() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("requirepass " + PASSWORD)) {
            String wrong = "wrong-" + PASSWORD;
            RedisMemoryCheck check = new RedisMemoryCheck(redis.targets(
                    RedisFixtures.settings("instances[0].password", wrong)));

            assertThatThrownBy(() -> RedisFixtures.run(check)).isInstanceOfSatisfying(CheckSkippedException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(AuditCode.AUDIT_903);
                        assertThat(e.resource()).isEqualTo(Resource.of("Target", "cache"));
                        assertThat(e.getMessage()).startsWith("cannot connect: ").containsIgnoringCase("pass")
                                .doesNotContain(PASSWORD);
                        assertThat(e.facts().toString()).doesNotContain(PASSWORD);
                    });
        }
    }

    @Test
    void anUnreachablePortSkipsWithAudit903() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        RedisTargets targets = new RedisTargets(RedisFixtures.properties(deadPort,
                RedisFixtures.settings("instances[0].password", PASSWORD)));

        assertThatThrownBy(() -> RedisFixtures.run(new RedisSlowlogCheck(targets)))
                .isInstanceOfSatisfying(CheckSkippedException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuditCode.AUDIT_903);
                    assertThat(e.resource()).isEqualTo(Resource.of("Target", "cache"));
                    assertThat(e.getMessage()).startsWith("cannot connect: ").doesNotContain(PASSWORD);
                });
    }
}
