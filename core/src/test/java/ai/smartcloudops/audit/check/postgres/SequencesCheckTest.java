package ai.smartcloudops.audit.check.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import org.junit.jupiter.api.Test;

class SequencesCheckTest {

    @Test
    void aSequenceNearItsTypesMaximumIsPg306P1() throws Exception {
        try (PostgresFixtures db = PostgresFixtures.newDatabase()) {
            db.execute("CREATE SEQUENCE order_seq AS smallint", "SELECT setval('order_seq', 32000)",
                    "CREATE SEQUENCE young_seq AS smallint", "SELECT setval('young_seq', 100)",
                    "CREATE SEQUENCE ring_seq AS smallint CYCLE", "SELECT setval('ring_seq', 32700)",
                    "CREATE SEQUENCE down_seq AS smallint INCREMENT -1", "SELECT setval('down_seq', -32500)");

            assertThat(PostgresFixtures.run(new SequencesCheck(db.targets()))).satisfiesExactly(
                    down -> assertThat(down.title()).isEqualTo("Sequence public.down_seq is at 99.1% of its "
                            + "smallint maximum"),
                    f -> {
                        assertThat(f.code().code()).isEqualTo("PG-306");
                        assertThat(f.severity()).isEqualTo(Severity.P1);
                        assertThat(f.resource()).isEqualTo(new Resource("Sequence", "public", "order_seq"));
                        assertThat(f.title()).isEqualTo("Sequence public.order_seq is at 97.6% of its smallint maximum");
                        assertThat(f.detail()).startsWith("last_value 32000 of 32767: 767 values left.");
                        assertThat(f.remediation())
                                .contains("-c \"SELECT last_value, max_value FROM pg_sequences WHERE schemaname = "
                                        + "'public' AND sequencename = 'order_seq';\"")
                                .contains("-c 'ALTER SEQUENCE public.order_seq AS bigint;'");
                    });
            assertThat(PostgresFixtures.run(new SequencesCheck(db.targets("sequence-percent=98")))).singleElement()
                    .satisfies(f -> assertThat(f.resource().name()).isEqualTo("down_seq"));
        }
    }
}
