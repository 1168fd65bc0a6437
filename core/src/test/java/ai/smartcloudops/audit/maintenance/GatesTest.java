package ai.smartcloudops.audit.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.check.aws.AwsProperties;
import ai.smartcloudops.audit.check.kubernetes.KubernetesProperties;
import ai.smartcloudops.audit.check.tls.TlsProperties;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.store.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Every gate from findings and coverage saved by the real FindingStore in an embedded PostgreSQL. */
class GatesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final MaintenanceWindow WINDOW = MaintenanceWindow.parse("2026-11-30T22:00Z/4h", NOW);
    private static final String CLUSTER = "prod-eks";
    private static final String ACCOUNT = "prod/us-east-1";
    private static final String DATABASE = "orders";

    private static final String OPEN = "no open P0 or P1 finding";
    private static final String RDS = "RDS automated snapshots newer than 24 h";
    private static final String REPLICAS = "PostgreSQL replicas within their replication-lag threshold";
    private static final String CRITICAL = "critical deployments have >= 2 ready replicas and PDBs allow a disruption";
    private static final String CERTIFICATES = "no certificate expiring before 2026-12-08T02:00:00Z (window end + 7 d)";
    private static final String NODES = "no node NotReady";
    private static final String DRAIN = "the cluster can lose its largest node (N-1) and its node groups can grow";
    private static final String EVENTS = "no EC2 scheduled event starting before 2026-12-01T02:00:00Z (window end)";
    private static final String ES = "Elasticsearch green";

    private JdbcClient jdbc;
    private FindingStore store;
    private VerdictStore verdicts;

    @BeforeEach
    void start() {
        String url = TestDatabase.newStore();
        DataSource dataSource = new DriverManagerDataSource(url);
        jdbc = JdbcClient.create(dataSource);
        store = new FindingStore(dataSource, TestCatalogue.get());
        verdicts = new VerdictStore(jdbc);
    }

    private long run(List<Finding> findings, List<Coverage> coverage) {
        long id = jdbc.sql("INSERT INTO audit_run (job, trigger_kind, started_at, status) "
                + "VALUES ('pre-maintenance', 'test', now(), 'RUNNING') RETURNING id").query(Long.class).single();
        store.saveSweep(id, 0, findings, coverage, Map.of());
        return id;
    }

    private static Finding finding(String code, String target, Resource resource, Map<String, String> evidence) {
        return Finding.of(TestCatalogue.get().find(code).orElseThrow(), target, resource).title(code + " title")
                .detail(code + " detail").evidence(evidence).build();
    }

    private static Coverage ran(String check, String target) {
        return new Coverage(check, target, CoverageStatus.RAN, 5, 0, null);
    }

    /** Every gate's checks ran on their one target. */
    private static List<Coverage> everythingRan() {
        return new ArrayList<>(List.of(ran("aws.rds.snapshots", ACCOUNT),
                ran("postgres.replication-lag", DATABASE),
                ran("kubernetes.critical-deployments", CLUSTER), ran("kubernetes.pdb", CLUSTER),
                ran("tls.expiry", "api"), ran("kubernetes.node-conditions", CLUSTER),
                ran("kubernetes.drain-capacity", CLUSTER), ran("aws.eks.nodegroups", ACCOUNT),
                ran("aws.ec2.status", ACCOUNT), ran("elasticsearch.cluster-health", "logging")));
    }

    private Verdict evaluate(Map<String, String> settings, List<Finding> findings, List<Coverage> coverage) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        Gates gates = new Gates(store, binder.bindOrCreate("health-audit.tls", TlsProperties.class),
                binder.bindOrCreate("health-audit.kubernetes", KubernetesProperties.class),
                binder.bindOrCreate("health-audit.aws", AwsProperties.class));
        long id = run(findings, coverage);
        Verdict verdict = gates.evaluate(id, WINDOW, NOW);
        verdicts.save(id, verdict);
        assertThat(verdicts.find(id)).contains(verdict);
        return verdict;
    }

    @Test
    void aHealthyRunPassesEveryGateAndIsGo() {
        Verdict verdict = evaluate(Map.of(), List.of(finding("K8S-305", CLUSTER,
                new Resource("PodDisruptionBudget", "smartcloudops", "api-pdb"), Map.of()).waive("drained by hand"),
                finding("AWS-406", ACCOUNT, new Resource("DBInstance", null, "prod"), Map.of())), everythingRan());

        assertThat(verdict.result()).isEqualTo("GO");
        assertThat(verdict.gates()).extracting(Gate::name, Gate::result, Gate::detail).containsExactly(
                tuple(OPEN, "PASS", "none open"),
                tuple(RDS, "PASS", "checked on prod/us-east-1"),
                tuple(REPLICAS, "PASS", "checked on orders"),
                tuple(CRITICAL, "PASS", "checked on prod-eks"),
                tuple(CERTIFICATES, "PASS", "checked on api"),
                tuple(NODES, "PASS", "checked on prod-eks"),
                tuple(DRAIN, "PASS", "checked on prod-eks, prod/us-east-1"),
                tuple(EVENTS, "PASS", "checked on prod/us-east-1"),
                tuple(ES, "PASS", "checked on logging"));
    }

    @Test
    void eachGateFailsOnItsOwnFindingsNamingTheResources() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            findings.add(finding("K8S-101", CLUSTER, new Resource("Node", null, "node-" + i), Map.of()));
        }
        findings.add(finding("AWS-407", ACCOUNT, new Resource("DBInstance", null, "smartcloudops-prod"), Map.of()));
        findings.add(finding("K8S-303", CLUSTER, new Resource("Deployment", "smartcloudops", "api"), Map.of()));
        findings.add(finding("K8S-305", CLUSTER, new Resource("PodDisruptionBudget", "smartcloudops", "api-pdb"),
                Map.of()));
        findings.add(finding("TLS-103", "api", new Resource("Certificate", null, "soon"),
                Map.of("notAfter", "2026-12-08T02:00:00Z")));
        findings.add(finding("TLS-103", "api", new Resource("Certificate", null, "later"),
                Map.of("notAfter", "2026-12-08T02:00:01Z")));
        findings.add(finding("LOG-102", "logging", new Resource("ElasticsearchCluster", null, "logging"), Map.of()));
        findings.add(finding("K8S-106", CLUSTER, new Resource("Cluster", null, CLUSTER), Map.of()));
        findings.add(finding("PG-401", DATABASE, new Resource("Replica", null, "replica-1"), Map.of()));
        findings.add(finding("AWS-203", ACCOUNT, new Resource("Nodegroup", null, "prod-eks/general"), Map.of()));
        findings.add(finding("AWS-102", ACCOUNT, new Resource("Instance", null, "i-during"),
                Map.of("notBefore", "2026-12-01T01:00:00Z")));
        findings.add(finding("AWS-102", ACCOUNT, new Resource("Instance", null, "i-undated"), Map.of()));
        findings.add(finding("AWS-102", ACCOUNT, new Resource("Instance", null, "i-after"),
                Map.of("notBefore", "2026-12-01T02:00:01Z")));

        Verdict verdict = evaluate(Map.of(), findings, everythingRan());

        assertThat(verdict.result()).isEqualTo("NO-GO");
        assertThat(verdict.gates()).extracting(Gate::name, Gate::passed, Gate::detail).containsExactly(
                tuple(OPEN, false, "8 open: K8S-101 Node/node-1 on prod-eks, K8S-101 Node/node-2 on prod-eks, "
                        + "K8S-101 Node/node-3 on prod-eks, K8S-101 Node/node-4 on prod-eks, K8S-101 Node/node-5 on "
                        + "prod-eks and 3 more"),
                tuple(RDS, false, "AWS-407 DBInstance/smartcloudops-prod on prod/us-east-1"),
                tuple(REPLICAS, false, "PG-401 Replica/replica-1 on orders"),
                tuple(CRITICAL, false, "K8S-303 Deployment/smartcloudops/api on prod-eks, K8S-305 "
                        + "PodDisruptionBudget/smartcloudops/api-pdb on prod-eks"),
                tuple(CERTIFICATES, false, "TLS-103 Certificate/soon on api"),
                tuple(NODES, false, "K8S-101 Node/node-1 on prod-eks, K8S-101 Node/node-2 on prod-eks, K8S-101 "
                        + "Node/node-3 on prod-eks, K8S-101 Node/node-4 on prod-eks, K8S-101 Node/node-5 on "
                        + "prod-eks and 2 more"),
                tuple(DRAIN, false, "AWS-203 Nodegroup/prod-eks/general on prod/us-east-1, K8S-106 "
                        + "Cluster/prod-eks on prod-eks"),
                tuple(EVENTS, false, "AWS-102 Instance/i-during on prod/us-east-1, AWS-102 Instance/i-undated on "
                        + "prod/us-east-1"),
                tuple(ES, false, "LOG-102 ElasticsearchCluster/logging on logging"));
        assertThat(verdict.failingFirst()).extracting(Gate::name).containsExactly(OPEN, RDS, REPLICAS, CRITICAL,
                CERTIFICATES, NODES, DRAIN, EVENTS, ES);
    }

    @Test
    void anExpiredCertificateFailsWhateverItsDate() {
        Verdict verdict = evaluate(Map.of(), List.of(finding("TLS-102", "api",
                new Resource("Certificate", null, "old"), Map.of("notAfter", "2026-11-01T00:00:00Z"))),
                everythingRan());

        assertThat(verdict.gates().get(4)).isEqualTo(new Gate(CERTIFICATES, false, "TLS-102 Certificate/old on api"));
    }

    @Test
    void aCheckThatDidNotRunInFullOnAConfiguredTargetIsNotVerifiedAndFails() {
        List<Coverage> coverage = everythingRan();
        coverage.removeIf(c -> c.check().equals("aws.rds.snapshots") || c.check().equals("kubernetes.pdb"));
        coverage.add(new Coverage("aws.rds.snapshots", ACCOUNT, CoverageStatus.PARTIAL, 0, 0,
                "needs rds:DescribeDBSnapshots: what rds:DescribeDBSnapshots answers in prod/us-east-1"));
        coverage.add(new Coverage("kubernetes.pdb", CLUSTER, CoverageStatus.ERROR, 0, 0, "connection refused"));

        Verdict verdict = evaluate(Map.of(), List.of(), coverage);

        assertThat(verdict.result()).isEqualTo("NO-GO");
        assertThat(verdict.failingFirst()).extracting(Gate::name, Gate::passed, Gate::detail).startsWith(
                tuple(RDS, false, "not verified: prod/us-east-1 aws.rds.snapshots partial: needs "
                        + "rds:DescribeDBSnapshots: what rds:DescribeDBSnapshots answers in prod/us-east-1"),
                tuple(CRITICAL, false, "not verified: prod-eks kubernetes.pdb error: connection refused"),
                tuple(OPEN, true, "none open"));
    }

    @Test
    void aCheckWithNothingConfiguredToReadNeitherVerifiesNorFailsItsGate() {
        String none = "no critical deployments configured (health-audit.kubernetes.critical-deployments)";
        List<Coverage> coverage = everythingRan();
        coverage.removeIf(c -> c.check().equals("kubernetes.critical-deployments"));
        coverage.add(new Coverage("kubernetes.critical-deployments", CLUSTER, CoverageStatus.NOT_CONFIGURED, 0, 0,
                none));

        assertThat(evaluate(Map.of(), List.of(), coverage).gates().get(3))
                .isEqualTo(new Gate(CRITICAL, true, "checked on prod-eks"));
        coverage.removeIf(c -> c.check().equals("kubernetes.pdb"));
        assertThat(evaluate(Map.of(), List.of(), coverage).gates().get(3))
                .isEqualTo(new Gate(CRITICAL, true, "n/a: " + none));
    }

    @Test
    void anUnreachableTargetIsOneEntryNamingEveryCheckItStopped() {
        List<Coverage> coverage = everythingRan();
        coverage.removeIf(c -> c.target().equals(CLUSTER));
        for (String check : List.of("kubernetes.pdb", "kubernetes.critical-deployments")) {
            coverage.add(new Coverage(check, CLUSTER, CoverageStatus.ERROR, 0, 0, "unreachable: connection refused"));
        }

        Verdict verdict = evaluate(Map.of(), List.of(), coverage);

        assertThat(verdict.gates().get(3)).isEqualTo(new Gate(CRITICAL, false, "not verified: prod-eks "
                + "kubernetes.critical-deployments, kubernetes.pdb error: unreachable: connection refused"));
    }

    @Test
    void anAreaWithoutAConfiguredTargetIsNotApplicableAndPasses() {
        Verdict verdict = evaluate(Map.of(), List.of(), List.of(ran("tls.expiry", "api")));

        assertThat(verdict.result()).isEqualTo("GO");
        assertThat(verdict.gates()).extracting(Gate::detail).containsExactly("none open",
                "n/a: no RDS account configured", "n/a: no PostgreSQL server configured",
                "n/a: no Kubernetes cluster configured", "checked on api", "n/a: no Kubernetes cluster configured",
                "n/a: no Kubernetes cluster or AWS account configured", "n/a: no AWS account configured",
                "n/a: no Elasticsearch cluster configured");
    }

    @Test
    void aMinReadyBelowTwoCannotShowTwoReadyReplicasSoTheGateFails() {
        Verdict verdict = evaluate(Map.of("health-audit.kubernetes.critical-min-ready", "1"), List.of(),
                everythingRan());

        assertThat(verdict.gates().get(3)).isEqualTo(new Gate(CRITICAL, false, "not verified: "
                + "health-audit.kubernetes.critical-min-ready is 1, so a deployment with fewer than 2 ready "
                + "replicas raises no K8S-303"));
    }

    @Test
    void aWindowEndingBeyondTheTlsHorizonCannotBeVerified() {
        // 28 d from now is 2026-12-27T12:00Z; the window ends + 7 d later than that
        MaintenanceWindow late = MaintenanceWindow.parse("2026-12-24T00:00Z/4h", NOW);
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));
        Gates gates = new Gates(store, binder.bindOrCreate("health-audit.tls", TlsProperties.class),
                binder.bindOrCreate("health-audit.kubernetes", KubernetesProperties.class),
                binder.bindOrCreate("health-audit.aws", AwsProperties.class));

        Verdict verdict = gates.evaluate(run(List.of(), everythingRan()), late, NOW);

        assertThat(verdict.gates().get(4)).isEqualTo(new Gate("no certificate expiring before "
                + "2026-12-31T04:00:00Z (window end + 7 d)", false, "not verified: certificates expiring after "
                + "2026-12-27T12:00:00Z are not reported (health-audit.tls.thresholds.expiring-p3 is 28 d); use a "
                + "window ending sooner or raise it"));
        // EC2 events are reported 7 d ahead, to 2026-12-06T12:00Z
        assertThat(verdict.gates().get(7)).isEqualTo(new Gate("no EC2 scheduled event starting before "
                + "2026-12-24T04:00:00Z (window end)", false, "not verified: EC2 events starting after "
                + "2026-12-06T12:00:00Z are not reported (health-audit.aws.thresholds.maintenance-within is 7 d); use "
                + "a window ending sooner or raise it"));
    }
}
