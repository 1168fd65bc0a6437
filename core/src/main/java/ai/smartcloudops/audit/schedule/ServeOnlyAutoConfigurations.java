package ai.smartcloudops.audit.schedule;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Keeps the auto-configurations only {@code serve} uses (its web server, actuator, metrics, health and Quartz) out of
 * every other command: a one-shot run in a CronJob pod would pay their class loading and beans at every start and
 * use none of them. Registered in {@code META-INF/spring.factories}, so it applies before their conditions are read.
 */
public final class ServeOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    /** Packages of auto-configurations whose beans only {@code serve} has a use for. */
    static final List<String> SERVE_ONLY = List.of(
            "org.springframework.boot.actuate.",
            "org.springframework.boot.health.",
            "org.springframework.boot.micrometer.",
            "org.springframework.boot.quartz.",
            "org.springframework.boot.tomcat.",
            "org.springframework.boot.servlet.",
            "org.springframework.boot.webmvc.",
            "org.springframework.boot.http.converter.",
            "org.springframework.boot.jackson.",
            "org.springframework.boot.jdbc.autoconfigure.health.",
            "org.springframework.boot.jdbc.autoconfigure.metrics.",
            "org.springframework.boot.batch.autoconfigure.observation.");

    private boolean serve;

    @Override
    public void setEnvironment(Environment environment) {
        serve = environment.acceptsProfiles(Profiles.of("serve"));
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < matches.length; i++) {
            matches[i] = serve || !serveOnly(autoConfigurationClasses[i]);
        }
        return matches;
    }

    static boolean serveOnly(String autoConfiguration) {
        return autoConfiguration != null && SERVE_ONLY.stream().anyMatch(autoConfiguration::startsWith);
    }
}
