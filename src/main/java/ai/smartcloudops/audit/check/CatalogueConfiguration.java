package ai.smartcloudops.audit.check;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** A context of the checks alone, without store or jobs: enough to list the catalogue. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = CatalogueConfiguration.class)
public class CatalogueConfiguration {
}
