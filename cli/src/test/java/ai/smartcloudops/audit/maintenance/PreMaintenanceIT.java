package ai.smartcloudops.audit.maintenance;

import static ai.smartcloudops.audit.demo.aws.AwsProtocol.query;
import static ai.smartcloudops.audit.demo.aws.AwsProtocol.xml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.demo.DemoCertificates;
import ai.smartcloudops.audit.demo.DemoCertificates.Issued;
import ai.smartcloudops.audit.demo.DemoCertificates.Spec;
import ai.smartcloudops.audit.demo.DemoHttpServer;
import ai.smartcloudops.audit.demo.DemoLogging;
import ai.smartcloudops.audit.demo.LocalKubeconfig;
import ai.smartcloudops.audit.demo.aws.AwsDataStubs;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.store.TestDatabase;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pre-maintenance audit through the real command line: against the demo estate (NO-GO, every gate failing)
 * and against a healthy estate (GO, every gate passing, though a pod restarted five times last month) built from
 * real servers — a fabric8 CRUD mock cluster, an in-JVM HTTPS endpoint, Elasticsearch and RDS on WireMock.
 */
class PreMaintenanceIT {

    private static final String NAMESPACE = "smartcloudops";
    private static final String API = "smartcloudops-api";
    private static final List<String> GATES = List.of("no open P0 or P1 finding",
            "RDS automated snapshots newer than 24 h", "PostgreSQL replicas within their replication-lag threshold",
            "critical deployments have >= 2 ready replicas and PDBs allow a disruption",
            "no certificate expiring before", "no node NotReady",
            "the cluster can lose its largest node (N-1) and its node groups can grow",
            "no EC2 scheduled event starting before", "Elasticsearch green");

    @TempDir
    Path dir;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void theDemoEstateIsNoGoWithEveryGateFailing() throws Exception {
        String previousHome = System.setProperty("health-audit.home", dir.resolve("home").toString());
        try {
            CliRun run = CliRun.of("demo", "--job", "pre-maintenance", "--out", dir.resolve("out").toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(run.out()).containsPattern("pre-maintenance \\S+/PT4H: NO-GO\n");
            assertThat(gateLines(run.out())).containsExactlyElementsOf(GATES.stream().map(g -> "FAIL  " + g)
                    .toList());
            assertThat(run.out())
                    .contains("FAIL  RDS automated snapshots newer than 24 h: AWS-407 DBInstance/smartcloudops-prod "
                            + "on smartcloudops-prod/us-east-1\n")
                    .contains("FAIL  Elasticsearch green: LOG-101 ElasticsearchCluster/elasticsearch on "
                            + "elasticsearch, LOG-102 ElasticsearchCluster/elasticsearch-warm on elasticsearch-warm\n")
                    .contains("FAIL  the cluster can lose its largest node (N-1) and its node groups can grow: "
                            + "AWS-203 Nodegroup/smartcloudops-production-cluster/compute on "
                            + "smartcloudops-prod/us-east-1")
                    // retired within the window; the other event starts 3 days later
                    .containsPattern("FAIL  no EC2 scheduled event starting before \\S+ \\(window end\\): AWS-102 "
                            + "Instance/i-0a1b2c3d4e5f60004 on smartcloudops-prod/us-east-1\n");
        } finally {
            if (previousHome == null) {
                System.clearProperty("health-audit.home");
            } else {
                System.setProperty("health-audit.home", previousHome);
            }
        }
    }

    @Test
    void aHealthyEstateIsGoWithEveryGatePassingAndJunitWithoutFailure() throws Exception {
        Path config = healthyEstate();
        Path out = dir.resolve("out");
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);

        String store = TestDatabase.newDatabase();
        CliRun run = CliRun.of("run", "pre-maintenance", "--window", start + "/2h30m", "--format", "junit",
                "--config", config.toString(), "--store", store, "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("pre-maintenance " + start + "/PT2H30M: GO\n");
        assertThat(gateLines(run.out())).containsExactlyElementsOf(GATES.stream().map(g -> "PASS  " + g).toList());
        assertThat(run.out()).contains("PASS  RDS automated snapshots newer than 24 h: checked on prod/us-east-1\n")
                .contains("PASS  no node NotReady: checked on healthy\n")
                .contains("PASS  the cluster can lose its largest node (N-1) and its node groups can grow: checked "
                        + "on healthy, prod/us-east-1\n")
                .contains("(window end): checked on prod/us-east-1\n")
                .contains("PASS  PostgreSQL replicas within their replication-lag threshold: n/a: no PostgreSQL "
                        + "server configured\n")
                .contains("(window end + 7 d): checked on certificates\n")
                .contains("PASS  Elasticsearch green: checked on logs\n");
        Matcher id = Pattern.compile("pre-maintenance run (\\d+)").matcher(run.out());
        assertThat(id.find()).isTrue();
        Path junit = out.resolve(id.group(1)).resolve("junit.xml");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo(String.valueOf(GATES.size()));
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
        assertThat(out.resolve("latest").resolve("junit.xml")).exists();
        JsonNode json = JsonMapper.builder().build().readTree(out.resolve(id.group(1)).resolve("findings.json")
                .toFile());
        assertThat(json.at("/verdict/result").asString()).isEqualTo("GO");
        assertThat(json.get("findings")).noneSatisfy(f -> assertThat(f.get("code").asString()).isEqualTo("K8S-201"));
        assertThat(json.at("/verdict/window").asString()).isEqualTo(start + "/PT2H30M");
        assertThat(json.get("gates")).hasSize(GATES.size()).allSatisfy(g -> assertThat(g.get("result").asString())
                .isEqualTo("PASS"));

        // the stored verdict renders the same junit.xml again
        Path again = dir.resolve("again");
        CliRun report = CliRun.of("report", "--run", id.group(1), "--format", "junit", "--config", config.toString(),
                "--store", store, "--out", again.toString());
        assertThat(report.exitCode()).as(report.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.resolve(id.group(1)).resolve("junit.xml")).hasSameTextualContentAs(junit);
        assertThat(again.resolve(id.group(1))).isDirectoryNotContaining("glob:**/report.html");
    }

    @Test
    void onlyAPreMaintenanceRunHasJunitAndItsGatesNeedEveryArea() throws Exception {
        Path config = Files.writeString(dir.resolve("empty.yml"), "health-audit: {}\n");
        String store = TestDatabase.newDatabase();
        CliRun nightly = CliRun.of("run", "nightly", "--config", config.toString(), "--store", store, "--out",
                dir.resolve("out").toString());
        assertThat(nightly.exitCode()).as(nightly.err()).isEqualTo(ExitCodes.OK);

        CliRun junit = CliRun.of("report", "--format", "junit", "--config", config.toString(), "--store", store,
                "--out", dir.resolve("out").toString());
        assertThat(junit.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(junit.err()).isEqualTo("health-audit: --format junit is written for pre-maintenance runs only; "
                + "run 1 is a nightly run\n");

        CliRun only = CliRun.of("run", "pre-maintenance", "--window", "2099-01-01T00:00Z/1h", "--only", "tls");
        assertThat(only.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(only.err()).isEqualTo("health-audit: --only and --target are not for the pre-maintenance job: "
                + "its gates need every check on every target\n");
    }

    @Test
    void theWindowIsCheckedBeforeAnythingRuns() {
        CliRun missing = CliRun.of("run", "pre-maintenance", "--store", "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).isEqualTo("health-audit: --window is required for the pre-maintenance job: "
                + "START/DURATION, e.g. 2026-12-01T22:00Z/4h\n");

        CliRun ended = CliRun.of("run", "pre-maintenance", "--window", "2020-01-01T00:00Z/4h");
        assertThat(ended.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ended.err()).isEqualTo("health-audit: --window 2020-01-01T00:00Z/4h already ended at "
                + "2020-01-01T04:00:00Z; give a window that ends in the future\n");

        CliRun malformed = CliRun.of("run", "pre-maintenance", "--window", "tonight/4h");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(malformed.err()).startsWith("health-audit: --window start 'tonight' is not an ISO date-time");

        CliRun junitNightly = CliRun.of("run", "nightly", "--format", "junit");
        assertThat(junitNightly.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(junitNightly.err()).startsWith("--format junit is only for the pre-maintenance job");
    }

    /** The "PASS  name" / "FAIL  name" part of each gate line, in printed order. */
    private static List<String> gateLines(String out) {
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("  PASS  ") || line.startsWith("  FAIL  ")) {
                String gate = line.substring(2, line.indexOf(": ", 8));
                // the gates that name a date: up to it
                int dated = gate.indexOf(" before ");
                lines.add(dated < 0 ? gate : gate.substring(0, dated + " before".length()));
            }
        }
        return lines;
    }

    /** A cluster, a TLS endpoint, Elasticsearch and an RDS account with nothing wrong; returns their config. */
    private Path healthyEstate() throws Exception {
        KubernetesMockServer cluster = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        cluster.init(InetAddress.getLoopbackAddress(), 0);
        servers.add(cluster::destroy);
        try (KubernetesClient client = cluster.createClient()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                    .build()).create();
            // two nodes: either can go, the other takes its pods (N-1)
            for (String node : List.of("ip-10-0-1-10.ec2.internal", "ip-10-0-1-11.ec2.internal")) {
                client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                        .withNewStatus().addToAllocatable("cpu", new Quantity("4"))
                        .addToAllocatable("memory", new Quantity("16Gi")).addToAllocatable("pods", new Quantity("58"))
                        .withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True")
                                .withReason("KubeletReady").build()).endStatus().build()).create();
            }
            client.apps().deployments().resource(new DeploymentBuilder()
                    .withNewMetadata().withName(API).withNamespace(NAMESPACE).endMetadata()
                    .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", API).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", API).endMetadata().withNewSpec()
                    .addNewContainer().withName(API).withImage("smartcloudops/api:1.0").endContainer().endSpec()
                    .endTemplate().endSpec()
                    .withNewStatus().withReplicas(2).withReadyReplicas(2).withAvailableReplicas(2)
                    .withUpdatedReplicas(2).endStatus().build()).create();
            client.policy().v1().podDisruptionBudget().resource(new PodDisruptionBudgetBuilder()
                    .withNewMetadata().withName(API).withNamespace(NAMESPACE).endMetadata()
                    .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector().addToMatchLabels("app", API)
                    .endSelector().endSpec()
                    .withNewStatus().withCurrentHealthy(2).withDesiredHealthy(1).withExpectedPods(2)
                    .withDisruptionsAllowed(1).withObservedGeneration(1L).endStatus().build()).create();
            // a replica that restarted five times last month and has run since: history, not a restart now
            Instant now = Instant.now();
            client.pods().resource(new PodBuilder().withNewMetadata().withName(API + "-7d9f8b6c5d-old01")
                    .withNamespace(NAMESPACE).addToLabels("app", API).endMetadata()
                    .withNewSpec().withNodeName("ip-10-0-1-10.ec2.internal").addNewContainer().withName(API)
                    .withImage("smartcloudops/api:1.0").withNewResources()
                    .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("256Mi"))
                    .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("512Mi"))
                    .endResources().endContainer().endSpec()
                    .withNewStatus().withPhase("Running").withStartTime(now.minus(Duration.ofDays(40)).toString())
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .addNewContainerStatus().withName(API).withReady(true).withRestartCount(5)
                    .withNewState().withNewRunning().withStartedAt(now.minus(Duration.ofDays(30)).toString())
                    .endRunning().endState()
                    .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1)
                    .withFinishedAt(now.minus(Duration.ofDays(30)).toString()).endTerminated().endLastState()
                    .endContainerStatus().endStatus().build()).create();
        }
        Path kubeconfig = LocalKubeconfig.write(dir.resolve("kubeconfig"), "healthy", cluster.url("/"));

        Instant now = Instant.now();
        Issued root = DemoCertificates.selfSigned(Spec.authority("Healthy Test Root", now));
        Issued leaf = root.issue(Spec.server("api.healthy.local", now, Duration.ofDays(365)));
        Path bundle = Files.writeString(dir.resolve("ca.pem"), root.pem(false));
        DemoHttpServer https = DemoHttpServer.https(DemoHttpServer.Response.OK, leaf.chain(), leaf.key());
        servers.add(https);

        WireMockServer es = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        es.start();
        servers.add(es::stop);
        es.stubFor(get(urlEqualTo("/_cluster/health")).willReturn(okJson(resource("/logging/es-health-green.json"))));
        // the other Elasticsearch checks see a healthy cluster too: disk at 60%, heap low, today's index written to
        es.stubFor(get(urlPathEqualTo("/_cluster/settings")).willReturn(okJson(DemoLogging.body(
                "es-cluster-settings.json", now))));
        es.stubFor(get(urlPathEqualTo("/_cat/allocation")).willReturn(okJson(DemoLogging.body(
                "es-allocation-warm.json", now))));
        es.stubFor(get(urlPathEqualTo("/_nodes/stats/jvm")).willReturn(okJson(DemoLogging.body(
                "es-nodes-jvm-warm.json", now))));
        es.stubFor(get(urlPathEqualTo("/_cat/indices/smartcloudops-logs-*")).willReturn(okJson(DemoLogging.body(
                "es-indices-today.json", now))));
        // and quiet logs: two failed logins, nothing out of memory, nothing unparsed
        es.stubFor(post(urlPathEqualTo("/smartcloudops-logs-*/_search")).willReturn(okJson(DemoLogging.body(
                "es-search-content-quiet.json", now))));
        Instant newest = now.minus(Duration.ofMinutes(1));
        es.stubFor(get(urlPathEqualTo("/smartcloudops-logs-*/_search")).willReturn(okJson("""
                {"hits":{"total":{"value":10000,"relation":"gte"},"hits":[{"_index":"smartcloudops-logs-%s",\
                "_source":{"@timestamp":"%s"},"sort":[%d]}]}}""".formatted(DateTimeFormatter.ofPattern("yyyy.MM.dd")
                .withZone(ZoneOffset.UTC).format(newest), newest, newest.toEpochMilli()))));

        System.setProperty("aws.accessKeyId", "AKIATESTHEALTHAUDIT0");
        System.setProperty("aws.secretAccessKey", "test-secret-key-not-a-real-one");
        WireMockServer aws = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        aws.start();
        servers.add(aws::stop);
        aws.stubFor(query("DescribeDBInstances").willReturn(xml("""
                <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeDBInstancesResult><DBInstances><DBInstance>
                    <DBInstanceIdentifier>orders-prod</DBInstanceIdentifier>
                    <DBInstanceClass>db.r5.large</DBInstanceClass><Engine>postgres</Engine>
                    <EngineVersion>15.7</EngineVersion><DBInstanceStatus>available</DBInstanceStatus>
                    <MultiAZ>true</MultiAZ><BackupRetentionPeriod>7</BackupRetentionPeriod>
                  </DBInstance></DBInstances></DescribeDBInstancesResult>
                </DescribeDBInstancesResponse>""")));
        aws.stubFor(query("DescribeDBSnapshots").willReturn(xml(AwsDataStubs.snapshots("orders-prod", null,
                now.minus(Duration.ofHours(26)), now.minus(Duration.ofHours(2))))));
        // no instance has a status problem or a scheduled event; the one node group can grow from 2 to 6
        aws.stubFor(query("DescribeInstanceStatus").willReturn(xml("""
                <DescribeInstanceStatusResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>5f9c3a1e-0000-4000-8000-000000000001</requestId><instanceStatusSet/>
                </DescribeInstanceStatusResponse>""")));
        aws.stubFor(get(urlPathEqualTo("/clusters")).willReturn(okJson("{\"clusters\":[\"healthy\"]}")));
        aws.stubFor(get(urlPathEqualTo("/clusters/healthy")).willReturn(okJson("""
                {"cluster":{"name":"healthy","arn":"arn:aws:eks:us-east-1:123456789012:cluster/healthy",
                "version":"1.33","status":"ACTIVE","health":{"issues":[]}}}""")));
        aws.stubFor(get(urlPathEqualTo("/clusters/healthy/node-groups"))
                .willReturn(okJson("{\"nodegroups\":[\"workers\"]}")));
        aws.stubFor(get(urlPathEqualTo("/clusters/healthy/node-groups/workers")).willReturn(okJson("""
                {"nodegroup":{"nodegroupName":"workers","clusterName":"healthy","status":"ACTIVE",
                "scalingConfig":{"minSize":2,"maxSize":6,"desiredSize":2},"health":{"issues":[]}}}""")));
        StringBuilder endpoints = new StringBuilder();
        for (String service : List.of("ec2", "eks", "elasticloadbalancing", "rds", "elasticache", "acm",
                "monitoring", "sts")) {
            endpoints.append("      ").append(service).append(": ").append(aws.baseUrl()).append('\n');
        }

        return Files.writeString(dir.resolve("health-audit.yml"), """
                health-audit:
                  kubernetes:
                    clusters:
                      - name: healthy
                        context: healthy
                        kubeconfig: %s
                        request-timeout: 5s
                    critical-deployments: [%s/%s]
                    monitoring:
                      components: []
                  tls:
                    endpoints:
                      - name: api
                        host: 127.0.0.1
                        port: %d
                        server-name: api.healthy.local
                    ca-bundle: %s
                  logging:
                    elasticsearch:
                      - name: logs
                        url: %s
                        timeout: 5s
                  aws:
                    accounts:
                      - name: prod
                        regions: [us-east-1]
                    retry-delay: 10ms
                    endpoints:
                %s""".formatted(kubeconfig, NAMESPACE, API, https.port(), bundle, es.baseUrl(), endpoints));
    }

    private static String resource(String path) throws Exception {
        try (var in = PreMaintenanceIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
