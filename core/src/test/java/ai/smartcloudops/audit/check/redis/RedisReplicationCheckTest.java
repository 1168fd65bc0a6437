package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class RedisReplicationCheckTest {

    @Test
    void aReplicaWhoseMasterIsGoneIsRedis109() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (RedisFixtures replica = RedisFixtures.start("replicaof 127.0.0.1 " + deadPort);
             RedisFixtures master = RedisFixtures.start()) {
            assertThat(RedisFixtures.run(new RedisReplicationCheck(replica.targets()))).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("REDIS-109");
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.resource()).isEqualTo(new Resource("Redis", null, "cache"));
                assertThat(f.title()).isEqualTo("Redis replica cache lost its link to master 127.0.0.1:" + deadPort);
                assertThat(f.remediation()).contains("redis-cli -h 127.0.0.1 -p " + deadPort + " ping")
                        .contains("aws elasticache describe-replication-groups");
            });
            // a master, and a replica of a live master, are fine
            assertThat(RedisFixtures.run(new RedisReplicationCheck(master.targets()))).isEmpty();
        }
    }
}
