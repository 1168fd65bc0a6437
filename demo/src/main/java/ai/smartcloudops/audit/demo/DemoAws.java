package ai.smartcloudops.audit.demo;

import ai.smartcloudops.audit.demo.aws.AwsDataStubs;
import ai.smartcloudops.audit.demo.aws.ComputeStubs;
import ai.smartcloudops.audit.demo.aws.NetworkStubs;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's AWS account: one local server speaking each service's protocol — EC2's query XML, ELBv2, RDS and
 * ElastiCache's awsQuery XML, EKS's restJson1, ACM's awsJson1_1 and CloudWatch's RPC v2 CBOR — with the same answers
 * the tests use, every listing over two pages. The SDK reaches it through endpoint overrides and signs with fake
 * credentials, so no AWS account or key is needed, and none is used.
 */
public final class DemoAws implements DemoPart {

    public static final String ACCOUNT = "smartcloudops-prod";
    public static final String REGION = "us-east-1";

    /** The faults, by code: one resource, or several joined by ", " in sorted order. */
    public static final Map<String, String> FAULTS = Map.ofEntries(
            Map.entry("AWS-101", "Instance/i-0a1b2c3d4e5f60002"),
            Map.entry("AWS-102", "Instance/i-0a1b2c3d4e5f60003, Instance/i-0a1b2c3d4e5f60004"),
            Map.entry("AWS-103", "Instance/i-0a1b2c3d4e5f60005, Instance/i-0a1b2c3d4e5f60007"),
            Map.entry("AWS-201", "Cluster/smartcloudops-analytics-cluster"),
            Map.entry("AWS-202", "Nodegroup/smartcloudops-production-cluster/spot"),
            Map.entry("AWS-203", "Nodegroup/smartcloudops-production-cluster/compute"),
            Map.entry("AWS-204", "Cluster/smartcloudops-analytics-cluster"),
            Map.entry("AWS-301", "TargetGroup/smartcloudops-web-tg, TargetGroup/smartcloudops-worker-tg"),
            Map.entry("AWS-302", "TargetGroup/smartcloudops-web-tg"),
            Map.entry("AWS-303", "LoadBalancer/smartcloudops-alb"),
            Map.entry("AWS-304", "TargetGroup/smartcloudops-api-tg"),
            Map.entry("AWS-305", "TargetGroup/smartcloudops-api-tg"),
            Map.entry("AWS-401", "DBInstance/smartcloudops-prod-replica"),
            Map.entry("AWS-402", "DBInstance/smartcloudops-analytics-prod, DBInstance/smartcloudops-prod"),
            Map.entry("AWS-403", "DBInstance/smartcloudops-prod"),
            Map.entry("AWS-404", "DBInstance/smartcloudops-analytics-prod"),
            Map.entry("AWS-405", "DBInstance/smartcloudops-analytics-prod"),
            Map.entry("AWS-406", "DBInstance/smartcloudops-prod"),
            Map.entry("AWS-407", "DBInstance/smartcloudops-prod"),
            Map.entry("AWS-501", "CacheCluster/smartcloudops-sessions-001"),
            Map.entry("AWS-502", "CacheCluster/smartcloudops-redis-001"),
            Map.entry("AWS-503", "CacheCluster/smartcloudops-redis-001"),
            Map.entry("AWS-504", "ReplicationGroup/smartcloudops-sessions"),
            Map.entry("AWS-601", "Certificate/legacy.smartcloudops.ai 2d8f5e3a-4b5c-4e3f-9c6a-9f4eaa3b7c23"),
            Map.entry("AWS-602", "Certificate/www.smartcloudops.ai 1c7e4d2f-3a4b-4d2e-8b5f-8e3d9f2a6b12"),
            Map.entry("AWS-603", "Certificate/grafana.smartcloudops.ai 3e9a6f4b-5c6d-4f4a-8d7b-a05fbb4c8d34"),
            Map.entry("AWS-604", "Certificate/partner.smartcloudops.ai 4fab7a5c-6d7e-4a5b-9e8c-b16acc5d9e45"));

    private static final List<String> SERVICES = List.of("ec2", "eks", "elasticloadbalancing", "rds", "elasticache",
            "acm", "monitoring", "sts");

    private final WireMockServer server;

    private DemoAws(WireMockServer server) {
        this.server = server;
    }

    /** The account as it is at {@code now}: its scheduled events and certificates are dated from it. */
    public static DemoAws start(Instant now) {
        // the SDK's default chain reads system properties first: the stubs need a signature, not a real key
        System.setProperty("aws.accessKeyId", "AKIADEMOHEALTHAUDIT0");
        System.setProperty("aws.secretAccessKey", "demo-secret-key-not-a-real-one");
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().disableRequestJournal());
        server.start();
        try {
            stub(server, now);
            return new DemoAws(server);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** Every service's answers on {@code server}, dated from {@code now}: the demo's, and the tests' base. */
    public static void stub(WireMockServer server, Instant now) {
        ComputeStubs.ec2(server, now);
        ComputeStubs.eks(server);
        NetworkStubs.elb(server);
        NetworkStubs.acm(server, now);
        AwsDataStubs.rds(server);
        AwsDataStubs.rdsSnapshots(server, now);
        AwsDataStubs.elastiCache(server);
    }

    @Override
    public List<String> properties() {
        List<String> properties = new ArrayList<>(List.of(
                "--health-audit.aws.accounts[0].name=" + ACCOUNT,
                "--health-audit.aws.accounts[0].regions[0]=" + REGION,
                "--health-audit.aws.retry-delay=10ms"));
        SERVICES.forEach(service -> properties.add("--health-audit.aws.endpoints." + service + "=" + server.baseUrl()));
        return properties;
    }

    @Override
    public void close() {
        server.stop();
    }
}
