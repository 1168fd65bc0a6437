package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.Part;
import ai.smartcloudops.audit.check.ReadWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ListClustersResponse;
import software.amazon.awssdk.services.eks.model.ListNodegroupsResponse;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;

/**
 * What the audit reads of one account region in a run, once for every AWS check of the target: each API's answer
 * (every page, each call bounded and retried by {@link AwsTargets#call}), the CloudWatch metrics of the RDS instances
 * in one GetMetricData batch and those of the ElastiCache nodes in another. Only the parts that a check of the run
 * inspects are read: several cost a call per resource (a certificate, a target group, an instance's snapshots, a node
 * group), and an hourly run has no snapshot check. An API that answers AccessDenied is kept as the gap of the checks
 * that inspect its part; an account that cannot be reached or authenticated to fails the whole read, every check's
 * skip.
 *
 * @param eksClusters  each EKS cluster's DescribeCluster, by the name it was asked by
 * @param snapshots    the newest automated snapshot's creation time by DB instance identifier, absent for none
 * @param rdsMetrics   the datapoints of every query of {@link #rdsQueries}, by its key
 * @param cacheMetrics the datapoints of every query of {@link #cacheQueries}, by its key
 * @param traffic      the application load balancers' traffic since the previous run, of the target groups in use
 */
record AwsSnapshot(Part<List<InstanceStatus>> instanceStatuses, Part<List<Instance>> nodegroupInstances,
                   Part<Map<String, Cluster>> eksClusters, Part<List<EksNodegroup>> eksNodegroups,
                   Part<List<TargetGroup>> targetGroups, Part<Map<String, List<TargetHealthDescription>>> targetHealth,
                   Part<List<DBInstance>> dbInstances, Part<Map<String, Instant>> snapshots,
                   Part<List<CacheCluster>> cacheClusters, Part<List<ReplicationGroup>> replicationGroups,
                   Part<List<CertificateDetail>> certificates, Part<CloudWatchMetrics.Values> rdsMetrics,
                   Part<CloudWatchMetrics.Values> cacheMetrics, Part<ElbTraffic> traffic) {

    static final String DESCRIBE_INSTANCE_STATUS = "ec2:DescribeInstanceStatus";
    static final String DESCRIBE_INSTANCES = "ec2:DescribeInstances";
    static final String LIST_CLUSTERS = "eks:ListClusters";
    static final String DESCRIBE_CLUSTER = "eks:DescribeCluster";
    static final String LIST_NODEGROUPS = "eks:ListNodegroups";
    static final String DESCRIBE_NODEGROUP = "eks:DescribeNodegroup";
    static final String ELB = "elasticloadbalancing";
    static final String DESCRIBE_DB_INSTANCES = "rds:DescribeDBInstances";
    static final String DESCRIBE_DB_SNAPSHOTS = "rds:DescribeDBSnapshots";
    static final String DESCRIBE_CACHE_CLUSTERS = "elasticache:DescribeCacheClusters";
    static final String DESCRIBE_REPLICATION_GROUPS = "elasticache:DescribeReplicationGroups";
    /** The EC2 tag of a managed node group's instances naming their cluster, and the one naming the group. */
    static final String CLUSTER_TAG = "eks:cluster-name";
    static final String NODEGROUP_TAG = "eks:nodegroup-name";
    /** The metrics' window: the last hour to the run's start. */
    static final Duration HOUR = Duration.ofHours(1);

    AwsSnapshot {
        Objects.requireNonNull(instanceStatuses, "instanceStatuses");
        Objects.requireNonNull(nodegroupInstances, "nodegroupInstances");
        Objects.requireNonNull(eksClusters, "eksClusters");
        Objects.requireNonNull(eksNodegroups, "eksNodegroups");
        Objects.requireNonNull(targetGroups, "targetGroups");
        Objects.requireNonNull(targetHealth, "targetHealth");
        Objects.requireNonNull(dbInstances, "dbInstances");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(cacheClusters, "cacheClusters");
        Objects.requireNonNull(replicationGroups, "replicationGroups");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(rdsMetrics, "rdsMetrics");
        Objects.requireNonNull(cacheMetrics, "cacheMetrics");
        Objects.requireNonNull(traffic, "traffic");
    }

    /** A managed node group as DescribeNodegroup answered for {@code cluster} and {@code name}. */
    record EksNodegroup(String cluster, String name, Nodegroup described) {

        EksNodegroup {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(described, "described");
        }
    }

    /**
     * The parts the checks {@code checks} (ids of the run's checks on this target) inspect, read through targets.
     * Each service's parts are read in order (a part that lists resources before the one that calls per resource),
     * the services side by side, as the checks did when each read its own: the account's share of concurrency in
     * {@link AwsTargets#call} bounds the calls in flight. An account out of reach ends the read and its other calls.
     */
    static AwsSnapshot read(AwsTargets targets, CheckContext context, Set<String> checks) {
        Reader reader = new Reader(targets, context, checks);
        ExecutorService pool = Executors.newFixedThreadPool(targets.properties().concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "aws-read-" + context.target().name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<Part<List<InstanceStatus>>> instanceStatuses = CompletableFuture.supplyAsync(() ->
                    reader.needs(Ec2StatusCheck.ID) ? Part.read(reader::instanceStatuses) : Part.unread(), pool);
            CompletableFuture<Part<List<Instance>>> nodegroupInstances = CompletableFuture.supplyAsync(() ->
                    reader.needs(Ec2NodegroupInstancesCheck.ID) ? Part.read(reader::nodegroupInstances)
                            : Part.unread(), pool);
            CompletableFuture<Eks> eks = CompletableFuture.supplyAsync(() -> {
                Part<List<String>> names = reader.needs(EksClusterCheck.ID, EksNodegroupCheck.ID)
                        ? Part.read(reader::eksClusterNames) : Part.unread();
                return new Eks(reader.needs(EksClusterCheck.ID) ? names.then(reader::eksClusters) : Part.unread(),
                        reader.needs(EksNodegroupCheck.ID) ? names.then(reader::eksNodegroups) : Part.unread());
            }, pool);
            CompletableFuture<Elb> elb = CompletableFuture.supplyAsync(() -> {
                Part<List<TargetGroup>> groups = reader.needs(ElbHealthCheckPathCheck.ID, ElbTargetHealthCheck.ID,
                        ElbTrafficCheck.ID) ? Part.read(reader::targetGroups) : Part.unread();
                return new Elb(groups,
                        reader.needs(ElbTargetHealthCheck.ID) ? groups.then(reader::targetHealth) : Part.unread(),
                        reader.needs(ElbTrafficCheck.ID) ? groups.then(reader::traffic) : Part.unread());
            }, pool);
            CompletableFuture<Rds> rds = CompletableFuture.supplyAsync(() -> {
                Part<List<DBInstance>> dbs = reader.needs(RdsInstancesCheck.ID, RdsMetricsCheck.ID,
                        RdsSnapshotsCheck.ID) ? Part.read(reader::dbInstances) : Part.unread();
                return new Rds(dbs,
                        reader.needs(RdsSnapshotsCheck.ID) ? dbs.then(reader::snapshots) : Part.unread(),
                        reader.needs(RdsMetricsCheck.ID) ? dbs.then(list -> reader.metrics(rdsQueries(list)))
                                : Part.unread());
            }, pool);
            CompletableFuture<ElastiCache> elastiCache = CompletableFuture.supplyAsync(() -> {
                Part<List<CacheCluster>> clusters = reader.needs(ElastiCacheCheck.ID, ElastiCacheMetricsCheck.ID)
                        ? Part.read(reader::cacheClusters) : Part.unread();
                return new ElastiCache(clusters,
                        reader.needs(ElastiCacheCheck.ID) ? Part.read(reader::replicationGroups) : Part.unread(),
                        reader.needs(ElastiCacheMetricsCheck.ID)
                                ? clusters.then(list -> reader.metrics(cacheQueries(list))) : Part.unread());
            }, pool);
            CompletableFuture<Part<List<CertificateDetail>>> certificates = CompletableFuture.supplyAsync(() ->
                    reader.needs(AcmCertificateCheck.ID) ? Part.read(reader::certificates) : Part.unread(), pool);
            // the first account out of reach ends the read at once, whichever service meets it
            CompletableFuture<Object> failed = new CompletableFuture<>();
            List<CompletableFuture<?>> all = List.of(instanceStatuses, nodegroupInstances, eks, elb, rds,
                    elastiCache, certificates);
            all.forEach(service -> service.whenComplete((value, e) -> {
                if (e != null) {
                    failed.completeExceptionally(e);
                }
            }));
            done(context, CompletableFuture.anyOf(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)),
                    failed));
            Eks eksParts = done(context, eks);
            Elb elbParts = done(context, elb);
            Rds rdsParts = done(context, rds);
            ElastiCache cacheParts = done(context, elastiCache);
            return new AwsSnapshot(done(context, instanceStatuses), done(context, nodegroupInstances),
                    eksParts.clusters(), eksParts.nodegroups(), elbParts.targetGroups(), elbParts.targetHealth(),
                    rdsParts.instances(), rdsParts.snapshots(), cacheParts.clusters(), cacheParts.replicationGroups(),
                    done(context, certificates), rdsParts.metrics(), cacheParts.metrics(), elbParts.traffic());
        } finally {
            // a read that ended early (out of reach, timed out) leaves no call of it running
            pool.shutdownNow();
        }
    }

    /** What a service's reading gave; the first account out of reach, or an interruption, ends the whole read. */
    private static <T> T done(CheckContext context, Future<T> service) {
        try {
            return service.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CheckSkippedException.unreachable(context.target().name(), "reading the account: interrupted",
                    null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException failure ? failure : new IllegalStateException(cause);
        }
    }

    /** The parts of one service, read in order by one task. */
    private record Eks(Part<Map<String, Cluster>> clusters, Part<List<EksNodegroup>> nodegroups) {
    }

    private record Elb(Part<List<TargetGroup>> targetGroups,
                       Part<Map<String, List<TargetHealthDescription>>> targetHealth, Part<ElbTraffic> traffic) {
    }

    private record Rds(Part<List<DBInstance>> instances, Part<Map<String, Instant>> snapshots,
                       Part<CloudWatchMetrics.Values> metrics) {
    }

    private record ElastiCache(Part<List<CacheCluster>> clusters, Part<List<ReplicationGroup>> replicationGroups,
                               Part<CloudWatchMetrics.Values> metrics) {
    }

    /** Each RDS instance's CPUUtilization (average) and FreeStorageSpace (minimum) of the hour. */
    static List<CloudWatchMetrics.Query> rdsQueries(List<DBInstance> dbInstances) {
        List<CloudWatchMetrics.Query> queries = new ArrayList<>();
        for (DBInstance db : dbInstances) {
            Map<String, String> dimensions = Map.of("DBInstanceIdentifier", db.dbInstanceIdentifier());
            queries.add(new CloudWatchMetrics.Query(cpu(db), "AWS/RDS", "CPUUtilization", dimensions, "Average",
                    HOUR));
            queries.add(new CloudWatchMetrics.Query(free(db), "AWS/RDS", "FreeStorageSpace", dimensions, "Minimum",
                    HOUR));
        }
        return queries;
    }

    /** Each ElastiCache node's DatabaseMemoryUsagePercentage (maximum of 5 minutes) and Evictions (the hour's sum). */
    static List<CloudWatchMetrics.Query> cacheQueries(List<CacheCluster> cacheClusters) {
        List<CloudWatchMetrics.Query> queries = new ArrayList<>();
        for (CacheCluster cluster : cacheClusters) {
            for (CacheNode node : nodes(cluster)) {
                Map<String, String> dimensions = Map.of("CacheClusterId", cluster.cacheClusterId(), "CacheNodeId",
                        node.cacheNodeId());
                queries.add(new CloudWatchMetrics.Query(memory(cluster, node), "AWS/ElastiCache",
                        "DatabaseMemoryUsagePercentage", dimensions, "Maximum", Duration.ofMinutes(5)));
                queries.add(new CloudWatchMetrics.Query(evictions(cluster, node), "AWS/ElastiCache", "Evictions",
                        dimensions, "Sum", HOUR));
            }
        }
        return queries;
    }

    static String cpu(DBInstance db) {
        return "cpu " + db.dbInstanceIdentifier();
    }

    static String free(DBInstance db) {
        return "free " + db.dbInstanceIdentifier();
    }

    static String memory(CacheCluster cluster, CacheNode node) {
        return "memory " + cluster.cacheClusterId() + " " + node.cacheNodeId();
    }

    static String evictions(CacheCluster cluster, CacheNode node) {
        return "evictions " + cluster.cacheClusterId() + " " + node.cacheNodeId();
    }

    /** The cluster's nodes that have an id, the dimension of their metrics. */
    static List<CacheNode> nodes(CacheCluster cluster) {
        return cluster.cacheNodes().stream().filter(n -> n.cacheNodeId() != null).toList();
    }

    /** Every call of the read, each through {@link AwsTargets#call}. */
    private static final class Reader {

        private final AwsTargets targets;
        private final CheckContext context;
        private final Set<String> checks;

        private Reader(AwsTargets targets, CheckContext context, Set<String> checks) {
            this.targets = targets;
            this.context = context;
            this.checks = Set.copyOf(checks);
        }

        boolean needs(String... ids) {
            for (String id : ids) {
                if (checks.contains(id)) {
                    return true;
                }
            }
            return false;
        }

        List<InstanceStatus> instanceStatuses() {
            Ec2Client ec2 = targets.client(context, "ec2", Ec2Client::builder);
            return targets.pages(context, DESCRIBE_INSTANCE_STATUS,
                    token -> ec2.describeInstanceStatus(r -> r.includeAllInstances(true).nextToken(token)),
                    DescribeInstanceStatusResponse::nextToken, DescribeInstanceStatusResponse::instanceStatuses);
        }

        List<Instance> nodegroupInstances() {
            Ec2Client ec2 = targets.client(context, "ec2", Ec2Client::builder);
            return targets.pages(context, DESCRIBE_INSTANCES,
                    token -> ec2.describeInstances(r -> r.filters(f -> f.name("tag-key").values(CLUSTER_TAG))
                            .nextToken(token)),
                    DescribeInstancesResponse::nextToken,
                    answer -> answer.reservations().stream().flatMap(r -> r.instances().stream()).toList());
        }

        /** The account's {@code eks-clusters}, or every cluster of ListClusters (all pages). */
        List<String> eksClusterNames() {
            List<String> configured = targets.account(context).eksClusters();
            return configured.isEmpty() ? targets.pages(context, LIST_CLUSTERS,
                    token -> eks().listClusters(r -> r.nextToken(token)), ListClustersResponse::nextToken,
                    ListClustersResponse::clusters) : configured;
        }

        Map<String, Cluster> eksClusters(List<String> names) {
            Map<String, Cluster> clusters = new LinkedHashMap<>();
            for (String name : names) {
                Optional.ofNullable(targets.call(context, DESCRIBE_CLUSTER,
                        () -> eks().describeCluster(r -> r.name(name)).cluster()))
                        .ifPresent(cluster -> clusters.put(name, cluster));
            }
            return clusters;
        }

        /** Every managed node group of the clusters (ListNodegroups, all pages; DescribeNodegroup). */
        List<EksNodegroup> eksNodegroups(List<String> clusters) {
            List<EksNodegroup> nodegroups = new ArrayList<>();
            for (String cluster : clusters) {
                List<String> names = targets.pages(context, LIST_NODEGROUPS,
                        token -> eks().listNodegroups(r -> r.clusterName(cluster).nextToken(token)),
                        ListNodegroupsResponse::nextToken, ListNodegroupsResponse::nodegroups);
                for (String name : names) {
                    Optional.ofNullable(targets.call(context, DESCRIBE_NODEGROUP, () -> eks()
                                    .describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name)).nodegroup()))
                            .ifPresent(nodegroup -> nodegroups.add(new EksNodegroup(cluster, name, nodegroup)));
                }
            }
            return nodegroups;
        }

        private EksClient eks() {
            return targets.client(context, "eks", EksClient::builder);
        }

        /** The target groups that a load balancer uses: one no load balancer uses has nothing to serve. */
        List<TargetGroup> targetGroups() {
            List<TargetGroup> groups = targets.pages(context, ELB + ":DescribeTargetGroups",
                    token -> elb().describeTargetGroups(r -> r.pageSize(400).marker(token)),
                    DescribeTargetGroupsResponse::nextMarker, DescribeTargetGroupsResponse::targetGroups);
            return groups.stream().filter(TargetGroup::hasLoadBalancerArns)
                    .filter(g -> !g.loadBalancerArns().isEmpty()).toList();
        }

        Map<String, List<TargetHealthDescription>> targetHealth(List<TargetGroup> groups) {
            Map<String, List<TargetHealthDescription>> health = new LinkedHashMap<>();
            for (TargetGroup group : groups) {
                health.put(group.targetGroupArn(), targets.call(context, ELB + ":DescribeTargetHealth",
                        () -> elb().describeTargetHealth(r -> r.targetGroupArn(group.targetGroupArn()))
                                .targetHealthDescriptions()));
            }
            return health;
        }

        /**
         * The groups' traffic over the window since the previous run's read; this read is remembered for the next
         * run only once it succeeded, so a failed read leaves the next window covering it.
         */
        ElbTraffic traffic(List<TargetGroup> groups) {
            ReadWindow window = ReadWindow.of(context, ElbTraffic.READ_UNTIL);
            CloudWatchMetrics.Values values = new CloudWatchMetrics(targets).fetch(context,
                    ElbTraffic.queries(groups, window.length()), window.length());
            window.remember(context, ElbTraffic.READ_UNTIL);
            return new ElbTraffic(values, window);
        }

        private ElasticLoadBalancingV2Client elb() {
            return targets.client(context, ELB, ElasticLoadBalancingV2Client::builder);
        }

        List<DBInstance> dbInstances() {
            return targets.pages(context, DESCRIBE_DB_INSTANCES,
                    token -> rds().describeDBInstances(r -> r.maxRecords(100).marker(token)),
                    DescribeDbInstancesResponse::marker, DescribeDbInstancesResponse::dbInstances);
        }

        /** Each instance's newest automated snapshot (DescribeDBSnapshots per instance, every Marker page). */
        Map<String, Instant> snapshots(List<DBInstance> instances) {
            Map<String, Instant> newest = new LinkedHashMap<>();
            for (DBInstance db : instances) {
                targets.<DescribeDbSnapshotsResponse, DBSnapshot>pages(context, DESCRIBE_DB_SNAPSHOTS,
                                token -> rds().describeDBSnapshots(r -> r.dbInstanceIdentifier(db.dbInstanceIdentifier())
                                        .snapshotType("automated").maxRecords(100).marker(token)),
                                DescribeDbSnapshotsResponse::marker, DescribeDbSnapshotsResponse::dbSnapshots)
                        .stream().map(DBSnapshot::snapshotCreateTime).filter(Objects::nonNull)
                        .max(Instant::compareTo).ifPresent(at -> newest.put(db.dbInstanceIdentifier(), at));
            }
            return newest;
        }

        private RdsClient rds() {
            return targets.client(context, "rds", RdsClient::builder);
        }

        /** The clusters with their nodes (DescribeCacheClusters with node info, every Marker page). */
        List<CacheCluster> cacheClusters() {
            return targets.pages(context, DESCRIBE_CACHE_CLUSTERS,
                    token -> elastiCache().describeCacheClusters(r -> r.showCacheNodeInfo(true).maxRecords(100)
                            .marker(token)),
                    DescribeCacheClustersResponse::marker, DescribeCacheClustersResponse::cacheClusters);
        }

        List<ReplicationGroup> replicationGroups() {
            return targets.pages(context, DESCRIBE_REPLICATION_GROUPS,
                    token -> elastiCache().describeReplicationGroups(r -> r.maxRecords(100).marker(token)),
                    DescribeReplicationGroupsResponse::marker, DescribeReplicationGroupsResponse::replicationGroups);
        }

        private ElastiCacheClient elastiCache() {
            return targets.client(context, "elasticache", ElastiCacheClient::builder);
        }

        /**
         * The region's certificates, issued or expired, of every key type (ListCertificates on its own lists only
         * RSA 2048 ones), each described once.
         */
        List<CertificateDetail> certificates() {
            AcmClient acm = targets.client(context, "acm", AcmClient::builder);
            List<String> arns = targets.pages(context, "acm:ListCertificates",
                    token -> acm.listCertificates(r -> r
                            .certificateStatuses(CertificateStatus.ISSUED, CertificateStatus.EXPIRED)
                            .includes(f -> f.keyTypes(KeyAlgorithm.knownValues())).nextToken(token)),
                    ListCertificatesResponse::nextToken,
                    answer -> answer.certificateSummaryList().stream().map(CertificateSummary::certificateArn).toList());
            List<CertificateDetail> certificates = new ArrayList<>();
            for (String arn : arns) {
                Optional.ofNullable(targets.call(context, "acm:DescribeCertificate",
                        () -> acm.describeCertificate(r -> r.certificateArn(arn)).certificate()))
                        .ifPresent(certificates::add);
            }
            return certificates;
        }

        CloudWatchMetrics.Values metrics(List<CloudWatchMetrics.Query> queries) {
            return new CloudWatchMetrics(targets).fetch(context, queries, HOUR);
        }
    }
}
