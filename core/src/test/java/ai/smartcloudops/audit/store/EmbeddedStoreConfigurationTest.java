package ai.smartcloudops.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.config.AuditProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreConfigurationTest {

    @TempDir
    Path home;

    @Test
    void theEmbeddedStoreKeepsItsDataUnderHomeAndRefusesASecondUser() throws Exception {
        AuditProperties properties = new AuditProperties(home, null, null, null, null, null);
        EmbeddedStoreConfiguration configuration = new EmbeddedStoreConfiguration();

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(properties)) {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SHOW data_directory")) {
                rs.next();
                assertThat(Path.of(rs.getString(1)).toRealPath()).isEqualTo(home.resolve("store").toRealPath());
            }
            assertThatThrownBy(() -> configuration.embeddedPostgres(properties))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("cannot start the embedded store in " + home.resolve("store")
                            + ": it is in use by another health-audit process");
        }
    }
}
