package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.ReadWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The real traffic of the application load balancers in use, from CloudWatch's AWS/ApplicationELB metrics over the
 * window since the previous run read them: per load balancer its requests and its own 5xx; per target group and load
 * balancer the requests, the targets' 5xx and the p95 and p99 of TargetResponseTime. One datapoint per query spans the
 * whole window, so a percentile is the window's, not an average of shorter ones.
 *
 * @param values the datapoints of every query of {@link #queries}, by its key
 * @param window the window since the previous run's read ({@link #READ_UNTIL})
 */
record ElbTraffic(CloudWatchMetrics.Values values, ReadWindow window) {

    /** The sample that remembers, per account region, up to when the traffic was read (epoch seconds). */
    static final String READ_UNTIL = "elbv2.traffic.read-until";
    static final String NAMESPACE = "AWS/ApplicationELB";

    ElbTraffic {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(window, "window");
    }

    /** The application load balancers ({@code app/name/id}) that send to the group; network ones have no 5xx. */
    static List<String> loadBalancers(TargetGroup group) {
        return applicationOnly(group.loadBalancerArns().stream().map(ElbTargetGroups::loadBalancerName).toList());
    }

    static List<String> applicationOnly(Collection<String> loadBalancers) {
        return loadBalancers.stream().filter(name -> name.startsWith("app/")).toList();
    }

    /** {@code targetgroup/name/id}, the TargetGroup dimension of a target group's ARN. */
    static String dimension(TargetGroup group) {
        String arn = group.targetGroupArn();
        int at = arn.lastIndexOf(":targetgroup/");
        return at < 0 ? arn : arn.substring(at + 1);
    }

    /** The queries of the groups' traffic over {@code period}, one datapoint for the whole window. */
    static List<CloudWatchMetrics.Query> queries(List<TargetGroup> groups, Duration period) {
        List<CloudWatchMetrics.Query> queries = new ArrayList<>();
        Set<String> balancers = new LinkedHashSet<>();
        for (TargetGroup group : groups) {
            for (String balancer : loadBalancers(group)) {
                balancers.add(balancer);
                Map<String, String> dimensions = Map.of("TargetGroup", dimension(group), "LoadBalancer", balancer);
                queries.add(new CloudWatchMetrics.Query(key("requests", group, balancer), NAMESPACE, "RequestCount",
                        dimensions, "Sum", period));
                queries.add(new CloudWatchMetrics.Query(key("5xx", group, balancer), NAMESPACE,
                        "HTTPCode_Target_5XX_Count", dimensions, "Sum", period));
                queries.add(new CloudWatchMetrics.Query(key("p95", group, balancer), NAMESPACE, "TargetResponseTime",
                        dimensions, "p95", period));
                queries.add(new CloudWatchMetrics.Query(key("p99", group, balancer), NAMESPACE, "TargetResponseTime",
                        dimensions, "p99", period));
            }
        }
        for (String balancer : balancers) {
            Map<String, String> dimensions = Map.of("LoadBalancer", balancer);
            queries.add(new CloudWatchMetrics.Query(key("requests", balancer), NAMESPACE, "RequestCount", dimensions,
                    "Sum", period));
            queries.add(new CloudWatchMetrics.Query(key("5xx", balancer), NAMESPACE, "HTTPCode_ELB_5XX_Count",
                    dimensions, "Sum", period));
        }
        return queries;
    }

    /** A load balancer's metric: {@code 5xx app/smartcloudops-alb/50dc6c495c0c9188}. */
    static String key(String metric, String balancer) {
        return "lb " + metric + " " + balancer;
    }

    /** A target group's metric behind one load balancer. */
    static String key(String metric, TargetGroup group, String balancer) {
        return "tg " + metric + " " + dimension(group) + " " + balancer;
    }
}
