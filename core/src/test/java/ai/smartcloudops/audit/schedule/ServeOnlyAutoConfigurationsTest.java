package ai.smartcloudops.audit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

/** Which of the classpath's real auto-configurations a one-shot command and {@code serve} each start with. */
class ServeOnlyAutoConfigurationsTest {

    private final List<String> candidates = new ArrayList<>();

    ServeOnlyAutoConfigurationsTest() {
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);
    }

    @Test
    void aOneShotCommandLeavesOutTheWebServerActuatorMetricsAndQuartz() {
        List<String> kept = kept(new MockEnvironment());

        assertThat(kept).contains(
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration",
                "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration");
        assertThat(kept).doesNotContain(
                "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
                "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
                "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus"
                        + ".PrometheusMetricsExportAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
                "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration");
        assertThat(kept).noneMatch(name -> name.contains(".actuate."));
    }

    @Test
    void serveKeepsEveryAutoConfiguration() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("serve");

        assertThat(kept(environment)).containsExactlyElementsOf(candidates)
                .contains("org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration");
    }

    @Test
    void springBootAppliesTheFilterFromSpringFactories() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(AutoConfigurationImportFilter.class))
                .hasAtLeastOneElementOfType(ServeOnlyAutoConfigurations.class);
    }

    private List<String> kept(MockEnvironment environment) {
        ServeOnlyAutoConfigurations filter = new ServeOnlyAutoConfigurations();
        filter.setEnvironment(environment);
        String[] names = candidates.toArray(String[]::new);
        boolean[] matches = filter.match(names, null);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (matches[i]) {
                kept.add(names[i]);
            }
        }
        return kept;
    }
}
