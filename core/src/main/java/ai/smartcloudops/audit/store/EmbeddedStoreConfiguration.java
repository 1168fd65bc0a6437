package ai.smartcloudops.audit.store;

import ai.smartcloudops.audit.config.AuditProperties;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
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

    /**
     * zonky's resolver, whose "missing binaries" would read as a locked directory below: the container image's build
     * has no PostgreSQL binaries, because its runs use a server store. One instance, so zonky extracts them once.
     */
    private static final PgBinaryResolver BINARIES = (system, architecture) -> {
        try {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture);
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("this build has no embedded PostgreSQL for " + system + " "
                    + architecture + " (the container image's runs use a server store): give --store "
                    + "jdbc:postgresql://HOST:5432/DATABASE, or run the workstation build", e);
        }
    };

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(AuditProperties properties) {
        Path dir = properties.store().embeddedDir();
        try {
            Files.createDirectories(dir.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "50")
                    .setPgBinaryResolver(BINARIES)
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
