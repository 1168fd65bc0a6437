package ai.smartcloudops.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.finding.Counts;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.maintenance.VerdictStore;
import ai.smartcloudops.audit.notify.EscalationPolicy;
import ai.smartcloudops.audit.notify.Notice;
import ai.smartcloudops.audit.notify.NotifyProperties;
import ai.smartcloudops.audit.notify.Outbox;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.store.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The model of a stored run: the summary, the trend and the score count the same findings. */
class ReportModelFactoryTest {

    private static final Instant START = Instant.parse("2026-05-01T02:00:00Z");

    private final DataSource dataSource = new DriverManagerDataSource(TestDatabase.newStore());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final RunStore runs = new RunStore(jdbc);
    private final FindingStore findings = new FindingStore(dataSource, TestCatalogue.get());
    private final ReportModelFactory factory = new ReportModelFactory(runs, findings, new VerdictStore(jdbc),
            new EscalationPolicy(new NotifyProperties(null, null, null, null, null, null, null, null, null, null),
                    List.of()));

    @Test
    void aWaivedFindingIsReportedButCountedNowhere() {
        Finding locks = finding("PG-201", Severity.P1, "orders-db");
        Finding down = finding("K8S-101", Severity.P0, "prod-eks").waive("waived by alice until 2026-06-01: drain");
        long runId = runs.create("nightly", "test", START, "");
        findings.saveSweep(runId, 0, List.of(locks, down), List.of(
                new Coverage(locks.checkId(), locks.target(), CoverageStatus.RAN, 1, 1, null),
                new Coverage(down.checkId(), down.target(), CoverageStatus.RAN, 1, 1, null)), Map.of());
        findings.diff(runId, null, START.plusSeconds(60), AuditCode.AUDIT_904);
        runs.finish(runId, RunStatus.COMPLETED, START.plusSeconds(90), null);

        ReportModel model = factory.build(runId);

        assertThat(model.findings()).hasSize(2);
        assertThat(model.waived()).extracting(t -> t.finding().code().code()).containsExactly("K8S-101");
        Counts counted = new Counts(Map.of(Severity.P1, 1));
        assertThat(model.counts()).isEqualTo(counted);
        assertThat(model.trend()).singleElement().satisfies(point -> assertThat(point.counts()).isEqualTo(counted));
        assertThat(model.run().score()).isEqualTo(90);
        assertThat(model.failing(Severity.P0)).isZero();
    }

    /**
     * Each finding is due its severity's response time after it opened (its latest trigger, else first seen), the P3
     * the next business day; overdue as of the run that reports it; a waived one is due nothing.
     */
    @Test
    void eachOpenFindingIsDueItsResponseTimeAfterItOpenedAndOverdueAsOfTheRun() {
        Finding locks = finding("PG-201", Severity.P1, "orders-db");
        Finding notified = finding("PG-201", Severity.P1, "billing-db");
        Finding backlog = finding("K8S-205", Severity.P3, "prod-eks");
        Finding waived = finding("K8S-101", Severity.P0, "prod-eks").waive("waived by alice until 2026-06-01: drain");
        List<Finding> all = List.of(locks, notified, backlog, waived);
        long first = audit(all, START);
        // notified again 90 minutes later (a regression's trigger): due from then
        new Outbox(jdbc).add(first, notified.fingerprint(), "slack", Notice.Kind.TRIGGER, "{}",
                START.plusSeconds(90 * 60));
        long second = audit(all, START.plusSeconds(2 * 3600));

        ReportModel model = factory.build(second);

        Instant asOf = model.run().startedAt();
        assertThat(model.findings()).extracting(t -> t.finding().target() + " " + t.finding().code().code(),
                TrackedFinding::due, t -> t.overdue(asOf)).containsExactlyInAnyOrder(
                tuple("orders-db PG-201", START.plusSeconds(60 + 3600), true),
                tuple("billing-db PG-201", START.plusSeconds(90 * 60 + 3600), false),
                // Friday 1 May 2026: due Monday at 17:00 UTC
                tuple("prod-eks K8S-205", Instant.parse("2026-05-04T17:00:00Z"), false),
                tuple("prod-eks K8S-101", null, false));
    }

    /** The trend is the job's last 30 runs, oldest first, this run last; other jobs' runs are not in it. */
    @Test
    void theTrendHoldsTheLast30RunsOfTheJob() {
        Finding locks = finding("PG-201", Severity.P1, "orders-db");
        List<Long> nightly = new ArrayList<>();
        for (int day = 0; day < 32; day++) {
            nightly.add(audit(List.of(locks), START.plusSeconds(day * 86_400L)));
            long hourly = runs.create("hourly", "test", START.plusSeconds(day * 86_400L + 3600), "");
            runs.finish(hourly, RunStatus.COMPLETED, START.plusSeconds(day * 86_400L + 3700), 100);
        }

        ReportModel model = factory.build(nightly.get(31));

        assertThat(model.trend()).extracting(ReportModel.TrendPoint::runId).containsExactlyElementsOf(
                nightly.subList(2, 32));
        assertThat(model.trend()).allSatisfy(p -> assertThat(p.counts()).isEqualTo(new Counts(Map.of(Severity.P1, 1))));
    }

    /** An audit run of the findings started at {@code start}, diffed against the one before. */
    private long audit(List<Finding> found, Instant start) {
        Long previous = runs.latestCompleted().map(r -> r.id()).orElse(null);
        long runId = runs.create("nightly", "test", start, "");
        findings.saveSweep(runId, 0, found, found.stream().map(f -> new Coverage(f.checkId(), f.target(),
                CoverageStatus.RAN, 1, 1, null)).distinct().toList(), Map.of());
        findings.diff(runId, previous, start.plusSeconds(60), AuditCode.AUDIT_904);
        runs.finish(runId, RunStatus.COMPLETED, start.plusSeconds(90), null);
        return runId;
    }

    private static Finding finding(String code, Severity severity, String target) {
        return Finding.of(TestCatalogue.get().find(code).orElseThrow(), target,
                        new Resource("Node", null, "ip-10-0-2-22"))
                .severity(severity).title(code + " title").checkId("check." + code).build();
    }
}
