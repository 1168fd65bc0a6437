package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.ReadWindow;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The guide's first two symptoms on real traffic, from the application load balancers' CloudWatch metrics over the
 * window since the previous run: the load balancer failing requests itself (AWS-303: 502, 503, 504 of its own), the
 * targets of a group answering 5xx (AWS-304), and a group answering slowly at p95 or p99 (AWS-305). A load balancer
 * or group with fewer requests than {@code traffic-min-requests} in the window is not judged: a few requests make any
 * share. A denied GetMetricData skips this check alone.
 */
@Component
public class ElbTrafficCheck extends AwsCheck {

    public static final String ID = "aws.elbv2.traffic";

    public ElbTrafficCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        Optional<List<TargetGroup>> groups = snapshot.targetGroups().in(context);
        Optional<ElbTraffic> traffic = snapshot.traffic().in(context);
        if (groups.isEmpty() || traffic.isEmpty()) {
            return List.of();
        }
        AwsProperties.Thresholds thresholds = targets.properties().thresholds();
        CloudWatchMetrics.Values values = traffic.get().values();
        List<Problem> findings = new ArrayList<>();
        Map<String, String> balancers = new LinkedHashMap<>();
        for (TargetGroup group : groups.get()) {
            List<String> behind = ElbTraffic.loadBalancers(group);
            group.loadBalancerArns().forEach(arn -> balancers.putIfAbsent(ElbTargetGroups.loadBalancerName(arn), arn));
            double requests = 0;
            double errors = 0;
            double p95 = Double.NaN;
            double p99 = Double.NaN;
            String busiest = null;
            double busiestRequests = -1;
            for (String balancer : behind) {
                double through = values.sum(ElbTraffic.key("requests", group, balancer)).orElse(0.0);
                requests += through;
                // a count above the requests it is part of is not believed past them
                errors += Math.min(through, values.sum(ElbTraffic.key("5xx", group, balancer)).orElse(0.0));
                p95 = worst(p95, values.max(ElbTraffic.key("p95", group, balancer)));
                p99 = worst(p99, values.max(ElbTraffic.key("p99", group, balancer)));
                if (through > busiestRequests) {
                    busiest = balancer;
                    busiestRequests = through;
                }
            }
            if (busiest == null || requests < thresholds.trafficMinRequests()) {
                continue;
            }
            Map<String, Object> facts = facts(context, traffic.get().window(), requests);
            facts.put("arn", group.targetGroupArn());
            facts.put("dimension", ElbTraffic.dimension(group));
            facts.put("loadBalancer", busiest);
            facts.put("loadBalancers", String.join(", ", behind));
            double percent = 100 * errors / requests;
            if (percent >= thresholds.targetErrorPercent()) {
                Map<String, Object> failing = new LinkedHashMap<>(facts);
                failing.put("errors", Math.round(errors));
                failing.put("percent", Humanize.percent(percent));
                failing.put("threshold", Humanize.percent(thresholds.targetErrorPercent()));
                failing.put("critical", Humanize.percent(thresholds.targetErrorCritical()));
                findings.add(Problem.graded(AwsCode.AWS_304, percent >= thresholds.targetErrorCritical()
                        ? AwsCode.TARGET_5XX_CRITICAL : Grade.DEFAULT, ElbTargetGroups.resource(group), failing));
            }
            if (p95 > thresholds.responseTimeP95().toMillis() / 1000.0
                    || p99 > thresholds.responseTimeP99().toMillis() / 1000.0) {
                Map<String, Object> slow = new LinkedHashMap<>(facts);
                slow.put("p95", Humanize.seconds(p95));
                slow.put("p99", Humanize.seconds(p99));
                slow.put("p95Threshold", Humanize.duration(thresholds.responseTimeP95()));
                slow.put("p99Threshold", Humanize.duration(thresholds.responseTimeP99()));
                findings.add(Problem.of(AwsCode.AWS_305, ElbTargetGroups.resource(group), slow));
            }
        }
        for (String balancer : ElbTraffic.applicationOnly(balancers.keySet())) {
            double requests = values.sum(ElbTraffic.key("requests", balancer)).orElse(0.0);
            double errors = Math.min(requests, values.sum(ElbTraffic.key("5xx", balancer)).orElse(0.0));
            double percent = requests <= 0 ? 0 : 100 * errors / requests;
            if (requests < thresholds.trafficMinRequests() || percent < thresholds.elbErrorPercent()) {
                continue;
            }
            Map<String, Object> facts = facts(context, traffic.get().window(), requests);
            facts.put("name", name(balancer));
            facts.put("arn", balancers.get(balancer));
            facts.put("dimension", balancer);
            facts.put("errors", Math.round(errors));
            facts.put("percent", Humanize.percent(percent));
            facts.put("threshold", Humanize.percent(thresholds.elbErrorPercent()));
            findings.add(Problem.of(AwsCode.AWS_303, Resource.of("LoadBalancer", name(balancer)), facts));
        }
        return findings;
    }

    private Map<String, Object> facts(CheckContext context, ReadWindow window, double requests) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("requests", Math.round(requests));
        facts.put("window", window.description());
        facts.put("start", window.start());
        facts.put("end", window.end());
        facts.put("region", targets.region(context).id());
        return facts;
    }

    /** The larger of two percentiles, a missing one (NaN) left out. */
    private static double worst(double current, Optional<Double> next) {
        return next.filter(Double::isFinite).map(v -> Double.isNaN(current) ? v : Math.max(current, v))
                .orElse(current);
    }

    /** {@code smartcloudops-alb} of {@code app/smartcloudops-alb/50dc6c495c0c9188}. */
    private static String name(String balancer) {
        String[] parts = balancer.split("/", -1);
        return parts.length == 3 ? parts[1] : balancer;
    }
}
