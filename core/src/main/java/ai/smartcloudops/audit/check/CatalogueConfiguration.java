package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.net.HttpLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** A context of the checks alone, without store or jobs: enough to list the catalogue. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = CatalogueConfiguration.class)
@EnableConfigurationProperties(HttpLimits.class)
public class CatalogueConfiguration {
}
