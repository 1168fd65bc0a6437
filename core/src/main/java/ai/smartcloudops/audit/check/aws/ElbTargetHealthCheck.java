package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * AWS-301, the guide's "ALB targets showing unhealthy": one finding per target group in use with unhealthy
 * targets, each listed with the ALB's reason and description; P0 when no target of the group is healthy (the
 * load balancer has nothing to route to), else P1. Targets registering, draining or unused are not unhealthy.
 */
@Component
public class ElbTargetHealthCheck extends AwsCheck {

    static final String ID = "aws.elbv2.target-health";


    public ElbTargetHealthCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        Optional<List<TargetGroup>> groups = snapshot.targetGroups().in(context);
        Optional<Map<String, List<TargetHealthDescription>>> described = snapshot.targetHealth().in(context);
        if (groups.isEmpty() || described.isEmpty()) {
            return List.of();
        }
        List<Problem> findings = new ArrayList<>();
        for (TargetGroup group : groups.get()) {
            List<TargetHealthDescription> health = described.get().getOrDefault(group.targetGroupArn(), List.of());
            List<String> unhealthy = new ArrayList<>();
            long healthy = 0;
            for (TargetHealthDescription target : health) {
                TargetHealthStateEnum state = target.targetHealth() == null ? null : target.targetHealth().state();
                if (state == TargetHealthStateEnum.HEALTHY) {
                    healthy++;
                } else if (state == TargetHealthStateEnum.UNHEALTHY) {
                    unhealthy.add(describe(target));
                }
            }
            if (unhealthy.isEmpty()) {
                continue;
            }
            Map<String, Object> facts = ElbTargetGroups.facts(group, context, targets);
            facts.put("unhealthy", unhealthy.size());
            facts.put("total", health.size());
            facts.put("healthy", healthy);
            facts.put("targets", String.join("; ", unhealthy));
            findings.add(Problem.graded(AwsCode.AWS_301, healthy == 0 ? AwsCode.NO_HEALTHY_TARGET : Grade.DEFAULT, ElbTargetGroups.resource(group), facts));
        }
        return findings;
    }

    /** {@code i-0abc:5000 Target.ResponseCodeMismatch (Health checks failed with these codes: [404])}. */
    private static String describe(TargetHealthDescription target) {
        StringBuilder text = new StringBuilder(target.target().id());
        if (target.target().port() != null) {
            text.append(':').append(target.target().port());
        }
        text.append(' ').append(target.targetHealth().reasonAsString() == null ? "no reason given"
                : target.targetHealth().reasonAsString());
        if (target.targetHealth().description() != null) {
            text.append(" (").append(target.targetHealth().description()).append(')');
        }
        return text.toString();
    }
}
