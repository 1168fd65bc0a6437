package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.Template;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void aUrlIsReadAsTheDriverReadsIt() {
        assertThat(PostgresUrl.parse("jdbc:postgresql://DB.Example.com/orders%20eu?user=audit&sslmode=require"))
                .isEqualTo(new PostgresUrl("DB.Example.com", 5432, "orders eu", "audit", "require"));
        assertThat(PostgresUrl.parse("jdbc:postgresql://[::1]:5433/orders"))
                .isEqualTo(new PostgresUrl("::1", 5433, "orders", null, null));
    }

    @Test
    void theServerIsNamedByItsLowerCaseHostAndPort() {
        assertThat(PostgresUrl.parse("jdbc:postgresql://DB.Example.com/orders").address())
                .isEqualTo("db.example.com:5432");
        assertThat(PostgresUrl.parse("jdbc:postgresql://[::1]:5433/orders").address()).isEqualTo("[::1]:5433");
    }

    @Test
    void psqlIsGivenHostPortUserAndDatabaseAndAConnectionStringOnlyWhenItMustBeOne() {
        PostgresUrl plain = PostgresUrl.parse("jdbc:postgresql://db:6543/orders?user=from_url");
        assertThat(plain.psql("audit")).isEqualTo(Template.Words.of("-h", "db", "-p", "6543", "-U", "audit", "-d",
                "orders"));
        assertThat(plain.psql(null)).isEqualTo(Template.Words.of("-h", "db", "-p", "6543", "-U", "from_url", "-d",
                "orders"));
        assertThat(PostgresUrl.parse("jdbc:postgresql://db/orders").psql(null))
                .isEqualTo(Template.Words.of("-h", "db", "-p", "5432", "-d", "orders"));
        assertThat(PostgresUrl.parse("jdbc:postgresql://db/orders?sslmode=verify-full").psql("audit"))
                .isEqualTo(Template.Words.of("-h", "db", "-p", "5432", "-U", "audit", "-d",
                        "dbname='orders' sslmode='verify-full'"));
        // psql would read a name with = in it as a connection string: it is given as the dbname of one
        assertThat(PostgresUrl.parse("jdbc:postgresql://db/a%3Db%27c%5C").psql("audit"))
                .isEqualTo(Template.Words.of("-h", "db", "-p", "5432", "-U", "audit", "-d", "dbname='a=b\\'c\\\\'"));
    }

    @Test
    void aUrlThatNamesNoSingleServerAndDatabaseIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:mysql://db/orders"))
                .hasMessage("expected jdbc:postgresql://HOST[:PORT]/DATABASE");
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://db:99999/orders"))
                .hasMessage("expected jdbc:postgresql://HOST[:PORT]/DATABASE");
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://a:5432,b:5432/orders"))
                .hasMessage("one host is expected");
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://db:5432/?password=s3cret"))
                .hasMessage("the database is missing");
    }
}
