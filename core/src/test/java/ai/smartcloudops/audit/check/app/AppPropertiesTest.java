package ai.smartcloudops.audit.check.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AppPropertiesTest {

    private static AppProperties.Service service(String name, Map<String, String> urls) {
        return new AppProperties.Service(name, null, urls, null, null, null, null);
    }

    @Test
    void defaults() {
        AppProperties properties = new AppProperties(null, null, null, null);
        assertThat(properties.services()).isEmpty();
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.concurrency()).isEqualTo(64);
        AppProperties.Service api = service("api", Map.of("ingress", "https://api.example.test/api/health"));
        assertThat(api.expectedStatus()).isEqualTo(200);
        assertThat(api.latency()).isEqualTo(Duration.ofSeconds(2));
        assertThat(api.namespace()).isEqualTo("smartcloudops");
        assertThat(properties.connectTimeoutOf(api)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aServiceOverridesTheTimeouts() {
        AppProperties.Service api = new AppProperties.Service("api", null, Map.of("a", "http://a/"), null, null,
                Duration.ofMillis(500), Duration.ofSeconds(1));
        AppProperties properties = new AppProperties(List.of(api), null, null, null);
        assertThat(properties.connectTimeoutOf(api)).isEqualTo(Duration.ofMillis(500));
        assertThat(properties.readTimeoutOf(api)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void bindsFromSpringKeysInTheirOrder() {
        AppProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "health-audit.app.services[0].name", "api",
                "health-audit.app.services[0].urls.replica-1", "http://10.0.0.1:5000/api/health",
                "health-audit.app.services[0].latency", "250ms",
                "health-audit.app.concurrency", "8"))).bind("health-audit.app", AppProperties.class).get();
        assertThat(properties.services()).singleElement().satisfies(s -> {
            assertThat(s.urls()).containsExactly(Map.entry("replica-1", "http://10.0.0.1:5000/api/health"));
            assertThat(s.latency()).isEqualTo(Duration.ofMillis(250));
        });
        assertThat(properties.concurrency()).isEqualTo(8);
    }

    @Test
    void validationNamesTheKeyAndNeverTheUrl() {
        assertThatThrownBy(() -> service("api", Map.of("replica-1", "ftp://user:pw@host/x")))
                .hasMessage("health-audit.app.services[api].urls[replica-1] must be an http or https URL");
        assertThatThrownBy(() -> service("api", Map.of("replica-1", "not a url")))
                .hasMessage("health-audit.app.services[api].urls[replica-1] must be an http or https URL");
        assertThatThrownBy(() -> service("api", Map.of()))
                .hasMessage("health-audit.app.services[api].urls must name at least one URL");
        assertThatThrownBy(() -> service(" ", Map.of("a", "http://a/")))
                .hasMessage("health-audit.app.services[].name is required");
        assertThatThrownBy(() -> new AppProperties.Service("api", null, Map.of("a", "http://a/"), 700, null, null,
                null)).hasMessage("health-audit.app.services[api].expected-status must be 100..599");
        assertThatThrownBy(() -> new AppProperties.Service("api", null, Map.of("a", "http://a/"), null,
                Duration.ZERO, null, null)).hasMessage("health-audit.app.services[api].latency must be positive");
        assertThatThrownBy(() -> new AppProperties(null, null, null, 0))
                .hasMessage("health-audit.app.concurrency must be at least 1");
        assertThatThrownBy(() -> new AppProperties(null, Duration.ofSeconds(-1), null, null))
                .hasMessage("health-audit.app.connect-timeout must be positive");
        AppProperties.Service api = service("api", Map.of("a", "http://a/"));
        assertThatThrownBy(() -> new AppProperties(List.of(api, api), null, null, null))
                .hasMessage("health-audit.app.services: service names must be unique (api)");
    }
}
