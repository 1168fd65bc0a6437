package ai.smartcloudops.audit.schedule;

import java.util.Properties;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Quartz for {@code serve}: the JDBC job store on the audit's own PostgreSQL (tables from Flyway), clustered, so
 * that every replica shares the triggers and each trigger fires on one replica only.
 */
@Configuration(proxyBeanMethods = false)
@Profile("serve")
class ServeConfiguration {

    /** Replicas with the same name form one cluster. */
    static final String SCHEDULER_NAME = "health-audit";

    @Bean
    SchedulerFactoryBeanCustomizer clusteredScheduler(QuartzProperties quartz, ServeProperties serve) {
        return factory -> {
            Properties properties = new Properties();
            properties.putAll(quartz.getProperties());
            properties.put("org.quartz.scheduler.instanceId", "AUTO");
            properties.put("org.quartz.jobStore.isClustered", "true");
            properties.put("org.quartz.jobStore.driverDelegateClass",
                    "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            properties.put("org.quartz.jobStore.clusterCheckinInterval",
                    String.valueOf(serve.clusterCheckinInterval().toMillis()));
            factory.setQuartzProperties(properties);
            factory.setSchedulerName(SCHEDULER_NAME);
        };
    }
}
