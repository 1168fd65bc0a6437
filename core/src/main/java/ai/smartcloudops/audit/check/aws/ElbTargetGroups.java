package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.finding.Resource;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** What both ELB checks say about a target group in use of the snapshot's DescribeTargetGroups. */
final class ElbTargetGroups {

    private ElbTargetGroups() {
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
