package ai.smartcloudops.audit.store;

import ai.smartcloudops.audit.config.AuditProperties;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no {@code spring.datasource.url}, the store is an embedded PostgreSQL whose data lives under
 * {@code health-audit.store.embedded-dir} (default {@code ~/.health-audit/store}), so history and diffs survive
 * between runs.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedStoreConfiguration.NoDatasourceUrl.class)
public class EmbeddedStoreConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(AuditProperties properties) {
        Path dir = properties.store().embeddedDir();
        try {
            Files.createDirectories(dir.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "50")
                    .start();
        } catch (IllegalStateException e) {
            // zonky locks the data directory; a second user of the same directory fails to take the lock
            throw new StoreUnavailableException("cannot start the embedded store in " + dir
                    + ": it is in use by another health-audit process", e);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot start the embedded store in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setMaximumPoolSize(8);
        dataSource.setPoolName("embedded-store");
        return dataSource;
    }

    static final class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
