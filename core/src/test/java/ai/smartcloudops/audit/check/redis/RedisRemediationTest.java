package ai.smartcloudops.audit.check.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A remediation's redis-cli lines reach the audited instance as the audit did — its host, port, TLS with the CA
 * bundle and ACL user — and never carry the password; the instance's name is quoted wherever a command uses it.
 */
class RedisRemediationTest {

    private static final String NAME = "payments cache $(id)";
    private static final String PASSWORD = "s3cret-Auth-T0ken";

    @TempDir
    Path dir;

    @Test
    void redisCliLinesReachTheInstanceOverTlsAsItsAclUserWithoutThePassword() throws Exception {
        Issued server = DemoCertificates.selfSigned(Spec.server("localhost", Instant.now(), Duration.ofDays(1)));
        Path certificate = Files.writeString(dir.resolve("redis.crt"), server.pem(false));
        Path key = Files.writeString(dir.resolve("redis.key"), DemoCertificates.pem(server.key()));
        int tlsPort = RedisFixtures.freePort();
        try (RedisFixtures redis = RedisFixtures.start("tls-port " + tlsPort, "tls-cert-file " + certificate,
                "tls-key-file " + key, "tls-ca-cert-file " + certificate, "tls-auth-clients no",
                "maxmemory 2mb", "maxmemory-policy noeviction")) {
            try (Jedis admin = redis.client()) {
                admin.aclSetUser("auditor", "on", ">" + PASSWORD, "~*", "+@all");
            }
            RedisEvictionPolicyCheck check = new RedisEvictionPolicyCheck(redis.targets(RedisFixtures.settings(
                    "instances[0].name", NAME, "instances[0].port", String.valueOf(tlsPort),
                    "instances[0].tls", "true", "instances[0].ca-bundle", certificate.toString(),
                    "instances[0].username", "auditor", "instances[0].password", PASSWORD)));

            assertThat(RedisFixtures.run(check, NAME)).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("REDIS-103");
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.title()).isEqualTo("Redis " + NAME + " maxmemory-policy is noeviction, not allkeys-lru");
                String cli = "redis-cli -h 127.0.0.1 -p " + tlsPort + " --tls --cacert " + certificate
                        + " --user auditor";
                assertThat(f.remediation()).isEqualTo("""
                        # export REDISCLI_AUTH=<the AUTH password of auditor> first: redis-cli reads it from there, \
                        so it stays off the command line
                        %1$s config get maxmemory-policy
                        %1$s config set maxmemory-policy allkeys-lru
                        # ElastiCache disables CONFIG: set it in the parameter group of cache cluster %2$s
                        aws elasticache describe-cache-clusters --cache-cluster-id '%2$s' \\
                          --query 'CacheClusters[].CacheParameterGroup.CacheParameterGroupName'
                        aws elasticache modify-cache-parameter-group --cache-parameter-group-name $PARAMETER_GROUP \\
                          --parameter-name-values ParameterName=maxmemory-policy,ParameterValue=allkeys-lru"""
                        .formatted(cli, NAME));
                assertThat(f.remediation()).doesNotContain(PASSWORD).doesNotContain("smartcloudops");
                assertThat(f.evidence().toString()).doesNotContain(PASSWORD).doesNotContain("--tls");
            });
        }
    }

    @Test
    void anInstanceWithoutTlsOrPasswordIsReachedByHostAndPortAndSaysSo() throws Exception {
        try (RedisFixtures redis = RedisFixtures.start("maxmemory 2mb", "maxmemory-policy noeviction")) {
            assertThat(RedisFixtures.run(new RedisEvictionPolicyCheck(redis.targets()))).singleElement()
                    .satisfies(f -> assertThat(f.remediation()).startsWith("""
                            # no AUTH password is configured for cache
                            redis-cli -h 127.0.0.1 -p %1$d config get maxmemory-policy
                            redis-cli -h 127.0.0.1 -p %1$d config set maxmemory-policy allkeys-lru
                            """.formatted(redis.port)));
        }
    }
}
