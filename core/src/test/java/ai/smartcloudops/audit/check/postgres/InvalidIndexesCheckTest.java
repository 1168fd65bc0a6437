package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class InvalidIndexesCheckTest {

    @Test
    void anIndexLeftInvalidByAFailedConcurrentBuildIsPg304() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE TABLE customers (id int, email text)",
                    "INSERT INTO customers VALUES (1, 'a@example.com'), (2, 'a@example.com')",
                    "CREATE INDEX customers_id ON customers (id)");
            assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY customers_email_key "
                    + "ON customers (email)")).isInstanceOf(SQLException.class).hasMessageContaining("duplicate");

            assertThat(PostgresFixtures.run(new InvalidIndexesCheck(db.targets()))).singleElement().satisfies(f -> {
                assertThat(f.code().code()).isEqualTo("PG-304");
                assertThat(f.severity()).isEqualTo(Severity.P2);
                assertThat(f.resource()).isEqualTo(new Resource("Index", "public", "customers_email_key"));
                assertThat(f.title()).isEqualTo("Index public.customers_email_key on customers is invalid");
                assertThat(f.detail()).endsWith("Definition: CREATE UNIQUE INDEX customers_email_key "
                        + "ON public.customers USING btree (email)");
                assertThat(f.remediation())
                        .contains("-d " + db.database + " -c 'REINDEX INDEX CONCURRENTLY public.customers_email_key;'")
                        .contains("-c 'DROP INDEX CONCURRENTLY public.customers_email_key;'")
                        .contains("-c 'CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON public.customers "
                                + "USING btree (email);'")
                        .contains("-c 'REINDEX DATABASE " + db.database + ";'");
            });
        }
    }
}
