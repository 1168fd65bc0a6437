package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresPropertiesTest {

    @Test
    void databasesOnOneHostAndPortAreOneServerNamedByItUnlessTheyNameTheirServer() {
        PostgresProperties properties = PostgresFixtures.bind(Map.of(
                "health-audit.postgres.databases[0].name", "orders",
                "health-audit.postgres.databases[0].url", "jdbc:postgresql://DB.internal:5432/orders",
                "health-audit.postgres.databases[1].name", "inventory",
                "health-audit.postgres.databases[1].url", "jdbc:postgresql://db.internal/inventory",
                "health-audit.postgres.databases[2].name", "reports",
                "health-audit.postgres.databases[2].url", "jdbc:postgresql://db.internal/reports",
                "health-audit.postgres.databases[2].server", "reporting"));

        assertThat(properties.servers()).extracting(PostgresProperties.Server::name,
                s -> s.databases().stream().map(PostgresProperties.Database::name).toList())
                .containsExactly(tuple("db.internal:5432", List.of("orders", "inventory")),
                        tuple("reporting", List.of("reports")));
    }

    @Test
    void aServerNamedLikeADatabaseIsRefused() {
        assertThatThrownBy(() -> PostgresFixtures.bind(Map.of(
                "health-audit.postgres.databases[0].name", "orders",
                "health-audit.postgres.databases[0].url", "jdbc:postgresql://db/orders",
                "health-audit.postgres.databases[1].name", "inventory",
                "health-audit.postgres.databases[1].url", "jdbc:postgresql://db/inventory",
                "health-audit.postgres.databases[1].server", "orders")))
                .rootCause().hasMessage("health-audit.postgres.databases: the server name 'orders' is a database's "
                        + "name; a server is a target of its own and needs a name of its own");
    }

    @Test
    void aUrlWithoutOneServerAndDatabaseIsRefusedNamingTheDatabaseNotTheUrl() {
        assertThatThrownBy(() -> PostgresFixtures.bind(Map.of(
                "health-audit.postgres.databases[0].name", "orders",
                "health-audit.postgres.databases[0].url", "jdbc:postgresql://a,b/orders?password=s3cret")))
                .rootCause().hasMessage("health-audit.postgres.databases[orders].url must be "
                        + "jdbc:postgresql://HOST[:PORT]/DATABASE (one host is expected)");
    }
}
