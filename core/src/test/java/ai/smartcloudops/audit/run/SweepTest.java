package ai.smartcloudops.audit.run;

import static ai.smartcloudops.audit.run.Sweeps.CLOCK;
import static ai.smartcloudops.audit.run.Sweeps.NO_FINDING;
import static ai.smartcloudops.audit.run.Sweeps.NO_HISTORY;
import static ai.smartcloudops.audit.run.Sweeps.NO_PROGRESS;
import static ai.smartcloudops.audit.run.Sweeps.properties;
import static ai.smartcloudops.audit.run.Sweeps.sweep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.CheckRegistry;
import ai.smartcloudops.audit.check.FakeCheck;
import ai.smartcloudops.audit.check.Gap;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.check.Target;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.finding.Severity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SweepTest {

    @Test
    void aCheckThatThrowsBecomesAudit901AndTheOthersStillRun() {
        Sweep.Result result = sweep(1, Map.of(), new FakeCheck("a.boom", ctx -> {
            throw new IllegalStateException("list of widgets failed");
        }), new FakeCheck("a.fine", ctx -> List.of()));

        assertThat(result.coverage()).extracting(Coverage::check, Coverage::status, Coverage::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a.boom", CoverageStatus.ERROR, "list of widgets failed"),
                        org.assertj.core.groups.Tuple.tuple("a.fine", CoverageStatus.RAN, null));
        Finding finding = single(result);
        assertThat(finding.code().code()).isEqualTo("AUDIT-901");
        assertThat(finding.severity()).isEqualTo(Severity.P2);
        assertThat(finding.resource()).isEqualTo(Resource.of("Check", "a.boom"));
        assertThat(finding.title()).isEqualTo("Check a.boom failed on prod");
        assertThat(finding.detail()).contains("list of widgets failed");
        assertThat(finding.remediation()).contains("health-audit run nightly --only kubernetes --target prod");
        assertThat(finding.checkId()).isEqualTo("a.boom");
    }

    @Test
    void aHungCheckTimesOutWithoutHoldingItsSlot() {
        long started = System.nanoTime();
        Sweep.Result result = sweep(1, Map.of("a.hung", Duration.ofMillis(300)), new FakeCheck("a.hung", ctx -> {
            Thread.sleep(30_000);
            return List.of();
        }), new FakeCheck("a.fine", ctx -> List.of()));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        Finding finding = single(result);
        assertThat(finding.code().code()).isEqualTo("AUDIT-902");
        assertThat(finding.title()).isEqualTo("Check a.hung timed out on prod");
        assertThat(finding.detail()).contains("within 300ms");
        assertThat(result.coverage()).filteredOn(c -> c.check().equals("a.hung")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CoverageStatus.TIMEOUT))
                .satisfies(c -> assertThat(c.reason()).isEqualTo("timed out after 300ms"));
        assertThat(result.coverage()).filteredOn(c -> c.check().equals("a.fine")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CoverageStatus.RAN));
    }

    /** No connection, or none the audit could trust: every check would fail alike. */
    @ParameterizedTest
    @MethodSource("noConnection")
    void aTargetTheAuditCannotConnectToIsOneAudit903PerTarget(Exception cause, String reason) {
        Sweep.Result result = sweep(2, Map.of(),
                new FakeCheck("a.one", ctx -> {
                    throw new KubernetesClientException("list failed", cause);
                }),
                new FakeCheck("a.two", ctx -> {
                    throw new KubernetesClientException("list failed", cause);
                }));

        Finding finding = single(result);
        assertThat(finding.code().code()).isEqualTo("AUDIT-903");
        assertThat(finding.severity()).isEqualTo(Severity.P1);
        assertThat(finding.resource()).isEqualTo(Resource.of("Target", "prod"));
        assertThat(result.coverage()).extracting(Coverage::reason).containsOnly(reason);
    }

    static Stream<Arguments> noConnection() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"),
                        "unreachable: list failed (ConnectException: Connection refused)"),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"),
                        "unreachable: list failed (SSLHandshakeException: PKIX path building failed)"));
    }

    @Test
    void aRefusalNoCheckNamedIsAGapNamingWhatTheApiServerRefused() {
        Sweep.Result result = sweep(1, Map.of(), new FakeCheck("a.rbac", ctx -> {
            throw new KubernetesClientException("nodes is forbidden: User \"system:serviceaccount:ops:health-audit\" "
                    + "cannot list resource \"nodes\" in API group \"\" at the cluster scope", 403, null);
        }));

        Finding finding = single(result);
        assertThat(finding.code().code()).isEqualTo("AUDIT-904");
        assertThat(finding.severity()).isEqualTo(Severity.P3);
        assertThat(finding.resource()).isEqualTo(Resource.of("Permission", "list nodes"));
        assertThat(finding.title()).isEqualTo("The audit cannot see all of prod: needs list nodes");
        assertThat(result.coverage()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CoverageStatus.PARTIAL);
            assertThat(c.reason()).isEqualTo("needs list nodes: what a.rbac reads (nodes is forbidden: User "
                    + "\"system:serviceaccount:ops:health-audit\" cannot list resource \"nodes\" in API group \"\" at "
                    + "the cluster scope)");
        });
    }

    @Test
    void gapsOfSeveralChecksAreOneAudit904PerTargetAndPermissionAndTheirCoveragePartial() {
        Gap stats = new Gap("3 sessions of other roles", "GRANT pg_read_all_stats",
                "GRANT pg_read_all_stats TO audit;");
        Sweep.Result result = sweep(2, Map.of(),
                new FakeCheck("a.long-queries", ctx -> {
                    ctx.partial(stats);
                    return List.of();
                }),
                new FakeCheck("a.idle", ctx -> {
                    throw new NotPermittedException(stats);
                }),
                new FakeCheck("a.sequences", ctx -> {
                    ctx.partial("last_value of 1 sequence (public.order_seq)", "GRANT SELECT ON the sequences",
                            "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO audit;");
                    return List.of();
                }));

        assertThat(result.findings()).extracting(f -> f.code().code(), Finding::severity, f -> f.resource().name(),
                Finding::title, Finding::checkId).containsExactlyInAnyOrder(
                tuple("AUDIT-904", Severity.P3, "GRANT pg_read_all_stats",
                        "The audit cannot see all of prod: needs GRANT pg_read_all_stats", "a.idle"),
                tuple("AUDIT-904", Severity.P3, "GRANT SELECT ON the sequences",
                        "The audit cannot see all of prod: needs GRANT SELECT ON the sequences", "a.sequences"));
        assertThat(result.findings()).filteredOn(f -> f.checkId().equals("a.idle")).singleElement()
                .satisfies(f -> {
                    assertThat(f.detail()).isEqualTo("The audit's identity may not see 3 sessions of other roles, so "
                            + "a.idle, a.long-queries saw only part of prod (coverage partial). What it could not see "
                            + "is not audited: no finding there means unknown, not healthy.");
                    assertThat(f.remediation()).isEqualTo("# prod: give the audit's identity GRANT pg_read_all_stats, "
                            + "so it sees 3 sessions of other roles; for example\n"
                            + "# GRANT pg_read_all_stats TO audit;\n"
                            + "# (the read-only roles and policies are in docs/operations.md), then audit it again:\n"
                            + "health-audit run nightly --only kubernetes --target prod");
                });
        assertThat(result.coverage()).extracting(Coverage::check, Coverage::status, Coverage::reason)
                .containsExactlyInAnyOrder(
                        tuple("a.long-queries", CoverageStatus.PARTIAL,
                                "needs GRANT pg_read_all_stats: 3 sessions of other roles"),
                        tuple("a.idle", CoverageStatus.PARTIAL,
                                "needs GRANT pg_read_all_stats: 3 sessions of other roles"),
                        tuple("a.sequences", CoverageStatus.PARTIAL,
                                "needs GRANT SELECT ON the sequences: last_value of 1 sequence (public.order_seq)"));
    }

    @Test
    void aCheckWithNothingToReadIsNotConfiguredNotRan() {
        Sweep.Result result = sweep(1, Map.of(), new FakeCheck("a.pool", ctx -> {
            ctx.notConfigured("no pool gauges configured");
            return List.of();
        }));

        assertThat(result.findings()).isEmpty();
        assertThat(result.coverage()).extracting(Coverage::check, Coverage::status, Coverage::reason)
                .containsExactly(tuple("a.pool", CoverageStatus.NOT_CONFIGURED, "no pool gauges configured"));
    }

    @Test
    void severityOverridesFromConfigApply() {
        AuditProperties properties = properties(1, Map.of(), Map.of("AUDIT-901", Severity.P3));
        Sweep sweep = new Sweep(new CheckRegistry(List.of(new FakeCheck("a.boom", ctx -> {
            throw new IllegalStateException("x");
        }))), properties, CLOCK, NO_PROGRESS);

        assertThat(single(sweep.run(1, Schedule.NIGHTLY, Set.of(), null, Shard.SINGLE, NO_HISTORY, Samples.none(), NO_FINDING))
                .severity()).isEqualTo(Severity.P3);
    }

    @Test
    void theTargetFilterLimitsThePairs() {
        FakeCheck check = new FakeCheck("a.fine", ctx -> List.of(), List.of(new Target("prod", "t"),
                new Target("staging", "t")));
        Sweep sweep = new Sweep(new CheckRegistry(List.of(check)), properties(2, Map.of(), Map.of()), CLOCK,
                NO_PROGRESS);

        assertThat(sweep.run(1, Schedule.NIGHTLY, Set.of(), "staging", Shard.SINGLE, NO_HISTORY, Samples.none(), NO_FINDING)
                .coverage()).extracting(Coverage::target)
                .containsExactly("staging");
        assertThat(sweep.run(1, Schedule.NIGHTLY, Set.of(Area.POSTGRES), null, Shard.SINGLE, NO_HISTORY, Samples.none(), NO_FINDING)
                .coverage()).isEmpty();
    }

    @Test
    void aShardRunsEveryCheckOnItsShareOfTheTargetsOnly() {
        List<Target> targets = List.of(new Target("c", "t"), new Target("a", "t"), new Target("d", "t"),
                new Target("b", "t"), new Target("e", "t"));
        Sweep sweep = new Sweep(new CheckRegistry(List.of(new FakeCheck("a.one", ctx -> List.of(), targets),
                new FakeCheck("a.two", ctx -> List.of(), targets))), properties(2, Map.of(), Map.of()), CLOCK,
                NO_PROGRESS);

        // sorted a b c d e, dealt round-robin over 2 shards: a c e to the first, b d to the second
        assertThat(sweep.run(1, Schedule.NIGHTLY, Set.of(), null, new Shard(0, 2, "k"), NO_HISTORY, Samples.none(), NO_FINDING)
                .coverage()).extracting(c -> c.check() + "@" + c.target()).containsExactlyInAnyOrder(
                "a.one@a", "a.one@c", "a.one@e", "a.two@a", "a.two@c", "a.two@e");
        assertThat(sweep.run(1, Schedule.NIGHTLY, Set.of(), null, new Shard(1, 2, "k"), NO_HISTORY, Samples.none(), NO_FINDING)
                .coverage()).extracting(c -> c.check() + "@" + c.target()).containsExactlyInAnyOrder(
                "a.one@b", "a.one@d", "a.two@b", "a.two@d");
    }

    @Test
    void theSweepSaysItsPlanThenEachPairAsItIsJudged() {
        List<Target> targets = List.of(new Target("a", "t"), new Target("b", "t"));
        List<Object> events = new CopyOnWriteArrayList<>();
        Sweep sweep = new Sweep(new CheckRegistry(List.of(new FakeCheck("a.one", ctx -> List.of(), targets),
                new FakeCheck("a.boom", ctx -> {
                    throw new IllegalStateException("x");
                }, targets))), properties(2, Map.of(), Map.of()), CLOCK, events::add);

        sweep.run(7, Schedule.NIGHTLY, Set.of(), null, Shard.SINGLE, NO_HISTORY, Samples.none(), NO_FINDING);

        Area area = new FakeCheck("a.one", ctx -> List.of(), targets).area();
        assertThat(events.get(0)).isEqualTo(new SweepProgress.Planned(7, Map.of(area, new SweepProgress.Plan(4, 2))));
        assertThat(events.subList(1, events.size())).containsExactlyInAnyOrder(
                new SweepProgress.Judged(7, area, "a.one", "a", 0), new SweepProgress.Judged(7, area, "a.one", "b", 0),
                new SweepProgress.Judged(7, area, "a.boom", "a", 1), new SweepProgress.Judged(7, area, "a.boom", "b", 1));
    }

    private static Finding single(Sweep.Result result) {
        assertThat(result.findings()).hasSize(1);
        return result.findings().get(0);
    }
}
