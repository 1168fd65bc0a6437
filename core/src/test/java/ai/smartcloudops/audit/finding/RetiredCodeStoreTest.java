package ai.smartcloudops.audit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The store keeps a finding's code as its string: a code retired from the catalogue since still reads back. */
class RetiredCodeStoreTest {

    private final DataSource dataSource = new DriverManagerDataSource(TestDatabase.newStore());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final Finding stored = Finding.of(KubernetesCode.K8S_201, "prod-eks",
                    new Resource("Pod", "payments", "api-7d9f8b-x2kq"))
            .severity(Severity.P1).title("Pod payments/api-7d9f8b-x2kq restarts").detail("14 restarts in 1h")
            .evidence(Map.of("restarts", "14")).remediation("kubectl -n payments logs api-7d9f8b-x2kq --previous")
            .build();

    private long save() {
        long runId = new RunStore(jdbc).create("nightly", "test", Instant.now(), "");
        new FindingStore(dataSource, TestCatalogue.get()).saveSweep(runId, 0, List.of(stored), List.of(), Map.of());
        return runId;
    }

    @Test
    void aCodeOfTheCatalogueReadsBackAsItsConstant() {
        long runId = save();

        assertThat(new FindingStore(dataSource, TestCatalogue.get()).findings(runId)).containsExactly(stored);
    }

    @Test
    void aRetiredCodeReadsBackWithItsStoredCodeAndAreaAndIsDiffedAsBefore() {
        long runId = save();
        FindingStore retired = new FindingStore(dataSource, code -> Optional.empty());

        retired.diff(runId, null, Instant.now(), AuditCode.AUDIT_904);

        assertThat(retired.items(runId)).singleElement().satisfies(item -> {
            Finding back = item.finding();
            assertThat(back.code()).isEqualTo(new UnknownCode("K8S-201", Area.KUBERNETES));
            assertThat(back.code().team()).as("routed to the platform team").isEqualTo(Team.PLATFORM);
            assertThat(back.area()).isEqualTo(Area.KUBERNETES);
            assertThat(back).usingRecursiveComparison().ignoringFields("code").isEqualTo(stored);
            assertThat(item.state()).isEqualTo(FindingState.NEW);
        });
    }
}
