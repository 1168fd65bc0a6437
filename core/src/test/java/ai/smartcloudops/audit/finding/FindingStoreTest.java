package ai.smartcloudops.audit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the estate wrote comes back from the store exactly as the finding, coverage row and sample held it, whatever
 * it holds: line breaks, tabs, quotes, backslashes, COPY's own markers ({@code \N}, {@code \.}, an empty string
 * beside a missing one), non-ASCII, and a NUL that cleaning turned into U+FFFD before it reached the store.
 */
class FindingStoreTest {

    private static final String HOSTILE = "a\r\nb\tc \"double\" 'single' back\\slash \\N \\. ,; é ✓ 🚀 \u0000 end";

    private final DataSource dataSource = new DriverManagerDataSource(TestDatabase.newStore());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final FindingStore store = new FindingStore(dataSource, TestCatalogue.get());
    private final RunStore runs = new RunStore(jdbc);

    @Test
    void hostileTextRoundTripsUnchanged() {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("line\nbreak", HOSTILE);
        evidence.put("\\.", "");
        Finding hostile = Finding.of(KubernetesCode.K8S_201, "prod\t\"eks\"", new Resource("Pod", "ns\\", HOSTILE))
                .severity(Severity.P0).title(HOSTILE).detail("\\.\n\\N\n").evidence(evidence).remediation(HOSTILE)
                .waiver("\"waived\"\r\n\\ by ops").build();
        Finding plain = Finding.of(KubernetesCode.K8S_201, "prod", new Resource("Pod", null, "\\N")).title("\\.")
                .build();
        List<Coverage> coverage = List.of(new Coverage("kubernetes.pods", "prod\t\"eks\"", CoverageStatus.PARTIAL, 7,
                        1, HOSTILE),
                new Coverage("kubernetes.pods", "prod", CoverageStatus.RAN, 0, 1, null));
        Sample.Key key = new Sample.Key(HOSTILE, "name\n\\.");
        long runId = runs.create("nightly", "test", Instant.now(), "");

        store.saveSweep(runId, 0, List.of(hostile, plain), coverage, Map.of(key, -1.5e300));

        assertThat(hostile.resource().name()).as("cleaned before the store").contains("\uFFFD")
                .doesNotContain("\u0000");
        assertThat(store.findings(runId)).containsExactlyInAnyOrder(hostile, plain);
        assertThat(store.evidence(runId, hostile.fingerprint())).contains(hostile.evidence());
        assertThat(store.coverage(runId)).containsExactlyInAnyOrderElementsOf(coverage);
        long later = runs.create("nightly", "test", Instant.now(), "");
        assertThat(store.previousSample(later, key.target(), key.name())).hasValueSatisfying(
                sample -> assertThat(sample.value()).isEqualTo(-1.5e300));
        assertThat(jdbc.sql("SELECT count(*) FROM finding WHERE resource_namespace IS NULL AND waiver IS NULL "
                + "AND detail = ''").query(Long.class).single()).as("null stays null, empty stays empty").isOne();
    }

    @Test
    void storingAgainReplacesOnlyThisShardsRows() {
        Finding first = Finding.of(KubernetesCode.K8S_201, "prod", new Resource("Pod", "a", "one")).title("t")
                .build();
        Finding second = Finding.of(KubernetesCode.K8S_201, "prod", new Resource("Pod", "a", "two")).title("t")
                .build();
        long runId = runs.create("nightly", "test", Instant.now(), "");
        store.saveSweep(runId, 0, List.of(first), List.of(), Map.of());
        store.saveSweep(runId, 1, List.of(second), List.of(), Map.of());

        store.saveSweep(runId, 0, List.of(first), List.of(), Map.of());

        assertThat(store.findings(runId)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void theStoreCountsARunAsItsFindingsAreCounted() {
        List<Finding> findings = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            // one P0, two P1, three P2, four P3, and a waived one of each, which is never counted
            for (int i = 0; i <= severity.ordinal() + 1; i++) {
                Finding.Builder finding = Finding.of(KubernetesCode.K8S_201, "prod",
                        new Resource("Pod", "a", severity + "-" + i)).severity(severity).title("t");
                findings.add(i == 0 ? finding.waiver("accepted").build() : finding.build());
            }
        }
        long runId = runs.create("nightly", "test", Instant.now(), "");
        store.saveSweep(runId, 0, findings.subList(0, 5), List.of(), Map.of());
        store.saveSweep(runId, 1, findings.subList(5, findings.size()), List.of(), Map.of());

        Counts counted = store.counts(runId);

        assertThat(counted).isEqualTo(Counts.of(store.findings(runId)));
        assertThat(counted.bySeverity()).isEqualTo(
                Map.of(Severity.P0, 1, Severity.P1, 2, Severity.P2, 3, Severity.P3, 4));
        assertThat(Score.of(counted)).isEqualTo(Score.of(store.findings(runId))).isEqualTo(100 - 25 - 20 - 9 - 4);
        assertThat(store.counts(runs.create("nightly", "test", Instant.now(), ""))).isEqualTo(Counts.of(List.of()));
    }

    @Test
    void aDiffJudgesEveryFindingAndWritesOnlyWhatChanged() {
        Finding steady = pod("steady", Severity.P2).build();
        Finding worse = pod("worse", Severity.P1).build();
        Finding waived = pod("waived", Severity.P2).waiver("accepted until Friday").build();
        Finding fixed = pod("fixed", Severity.P2).build();
        Instant firstSeen = Instant.parse("2026-12-01T00:00:00Z");
        long first = diffed(null, firstSeen, steady, worse, waived, fixed);
        String steadyRow = "SELECT xmin::text FROM finding_state WHERE fingerprint = '" + steady.fingerprint() + "'";
        String written = jdbc.sql(steadyRow).query(String.class).single();

        Finding fresh = pod("fresh", Severity.P3).build();
        long second = diffed(first, firstSeen.plusSeconds(3600), steady, pod("worse", Severity.P0).build(),
                pod("waived", Severity.P2).build(), fresh);

        assertThat(states(second)).containsExactlyInAnyOrderEntriesOf(Map.of("steady", FindingState.PERSISTING,
                "worse", FindingState.REGRESSED, "waived", FindingState.NEW, "fresh", FindingState.NEW));
        assertThat(store.resolved(second, first)).singleElement()
                .satisfies(item -> assertThat(item.finding()).isEqualTo(fixed));
        assertThat(jdbc.sql(steadyRow).query(String.class).single()).as("a finding persisting unchanged is not written")
                .isEqualTo(written);
        assertThat(jdbc.sql("SELECT state FROM run_finding_state WHERE run_id = ?").param(second).query(String.class)
                .list()).as("only what a state cannot tell is a row").containsExactlyInAnyOrder("regressed", "new");

        long third = runs.create("nightly", "test", Instant.now(), "");
        store.saveSweep(third, 0, List.of(steady, pod("worse", Severity.P1).build(), fixed), List.of(coverage(3)),
                Map.of());
        assertThat(states(third).values()).as("not diffed yet").containsOnlyNulls();
        store.diff(third, second, firstSeen.plusSeconds(7200), AuditCode.AUDIT_904);

        assertThat(states(third)).containsExactlyInAnyOrderEntriesOf(Map.of("steady", FindingState.PERSISTING,
                "worse", FindingState.PERSISTING, "fixed", FindingState.NEW));
        assertThat(store.items(third)).filteredOn(item -> item.finding().equals(fixed)).singleElement()
                .as("back again, still first seen when it first was")
                .satisfies(item -> assertThat(item.firstSeen()).isEqualTo(firstSeen));
        assertThat(store.openSeverity(steady.fingerprint())).contains(Severity.P2);
        assertThat(store.openSeverity(fresh.fingerprint())).as("resolved by the third run").isEmpty();
    }

    private static Finding.Builder pod(String name, Severity severity) {
        return Finding.of(KubernetesCode.K8S_201, "prod", new Resource("Pod", "a", name)).severity(severity)
                .title("t").checkId("kubernetes.pods");
    }

    private static Coverage coverage(int findings) {
        return new Coverage("kubernetes.pods", "prod", CoverageStatus.RAN, 1, findings, null);
    }

    /** A run of the findings, stored and diffed against the previous run at {@code at}. */
    private long diffed(Long previous, Instant at, Finding... findings) {
        long run = runs.create("nightly", "test", at, "");
        store.saveSweep(run, 0, List.of(findings), List.of(coverage(findings.length)), Map.of());
        store.diff(run, previous, at, AuditCode.AUDIT_904);
        return run;
    }

    /** The state of each of the run's findings, by resource name. */
    private Map<String, FindingState> states(long run) {
        Map<String, FindingState> states = new HashMap<>();
        store.items(run).forEach(item -> states.put(item.finding().resource().name(), item.state()));
        return states;
    }
}
