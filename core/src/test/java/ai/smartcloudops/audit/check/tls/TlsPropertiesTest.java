package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindException;

class TlsPropertiesTest {

    @TempDir
    Path dir;

    private static Throwable root(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    @Test
    void defaults() {
        TlsProperties p = TlsFixtures.bind(Map.of("health-audit.tls.endpoints[0].name", "api",
                "health-audit.tls.endpoints[0].host", "api.smartcloudops.ai"));
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.concurrency()).isEqualTo(64);
        assertThat(p.thresholds()).isEqualTo(new TlsProperties.Thresholds(Duration.ofDays(28), Duration.ofDays(14),
                Duration.ofDays(7), "1/3", 2048, 256));
        TlsProperties.Endpoint api = p.endpoints().get(0);
        assertThat(api.port()).isEqualTo(443);
        assertThat(api.serverName()).isEqualTo("api.smartcloudops.ai");
        assertThat(api.publicFacing()).isTrue();
        assertThat(api.caBundle()).isNull();
    }

    @Test
    void publicIsBoundFromItsOwnKey() {
        assertThat(TlsFixtures.bind(Map.of("health-audit.tls.endpoints[0].name", "internal",
                "health-audit.tls.endpoints[0].host", "10.0.0.5", "health-audit.tls.endpoints[0].public", "false"))
                .endpoints().get(0).publicFacing()).isFalse();
    }

    @Test
    void aMissingOrEmptyCaBundleIsAnErrorNamingTheKeyAndPath() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsFixtures.bind(Map.of("health-audit.tls.endpoints[0].name", "api",
                "health-audit.tls.endpoints[0].host", "h", "health-audit.tls.endpoints[0].ca-bundle",
                missing.toString()))).isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(root(e)).hasMessage("health-audit.tls.endpoints[api].ca-bundle: cannot "
                        + "read " + missing));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TlsFixtures.bind(Map.of("health-audit.tls.endpoints[0].name", "api",
                "health-audit.tls.endpoints[0].host", "h", "health-audit.tls.endpoints[0].ca-bundle",
                empty.toString()))).satisfies(e -> assertThat(root(e)).hasMessage(
                        "health-audit.tls.endpoints[api].ca-bundle: no certificate in " + empty));
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> TlsFixtures.bind(Map.of("health-audit.tls.endpoints[0].name", "api",
                "health-audit.tls.endpoints[0].host", "h", "health-audit.tls.endpoints[0].port", "0")))
                .satisfies(e -> assertThat(root(e)).hasMessage("health-audit.tls.endpoints[api].port must be 1..65535"));
        assertThatThrownBy(() -> TlsFixtures.bind(Map.of("health-audit.tls.thresholds.lifetime-fraction", "3/2")))
                .satisfies(e -> assertThat(root(e)).hasMessageStartingWith(
                        "health-audit.tls.thresholds.lifetime-fraction must be between 0 and 1"));
        assertThatThrownBy(() -> TlsFixtures.bind(Map.of("health-audit.tls.thresholds.expiring-p1", "20d")))
                .satisfies(e -> assertThat(root(e)).hasMessageContaining("expiring-p1 <= expiring-p2 <= expiring-p3"));
    }
}
