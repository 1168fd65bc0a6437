package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.finding.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The region's target groups that a load balancer uses (DescribeTargetGroups, every Marker page), listed once per
 * target and run for both ELB checks; a target group no load balancer uses has nothing to serve and is left out.
 */
final class ElbTargetGroups {

    static final String SERVICE = "elasticloadbalancing";

    private ElbTargetGroups() {
    }

    static ElasticLoadBalancingV2Client client(AwsTargets targets, CheckContext context) {
        return targets.client(context, SERVICE, ElasticLoadBalancingV2Client::builder);
    }

    static List<TargetGroup> inUse(AwsTargets targets, CheckContext context) {
        return context.shared(SharedKey.of("aws.elbv2.target-groups", List.class), () -> {
            ElasticLoadBalancingV2Client elb = client(targets, context);
            return targets.call(context, SERVICE + ":DescribeTargetGroups",
                    () -> elb.describeTargetGroupsPaginator(r -> r.pageSize(400)).targetGroups().stream()
                            .filter(TargetGroup::hasLoadBalancerArns)
                            .filter(g -> !g.loadBalancerArns().isEmpty()).toList());
        });
    }

    static Resource resource(TargetGroup group) {
        return Resource.of("TargetGroup", group.targetGroupName());
    }

    /** What both codes say about a target group: its ARN, region and load balancers, how it is health-checked. */
    static Map<String, Object> facts(TargetGroup group, CheckContext context, AwsTargets targets) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("arn", group.targetGroupArn());
        facts.put("region", targets.region(context).id());
        facts.put("loadBalancers", String.join(", ", group.loadBalancerArns().stream()
                .map(ElbTargetGroups::loadBalancerName).toList()));
        facts.put("protocol", group.healthCheckProtocolAsString() == null ? "?" : group.healthCheckProtocolAsString());
        facts.put("port", group.healthCheckPort() == null ? "traffic-port" : group.healthCheckPort());
        facts.put("healthCheckPath", group.healthCheckPath() == null ? "" : group.healthCheckPath());
        return facts;
    }

    /** {@code app/smartcloudops-alb/50dc6c495c0c9188} of a load balancer ARN. */
    static String loadBalancerName(String arn) {
        int at = arn.indexOf(":loadbalancer/");
        return at < 0 ? arn : arn.substring(at + ":loadbalancer/".length());
    }
}
