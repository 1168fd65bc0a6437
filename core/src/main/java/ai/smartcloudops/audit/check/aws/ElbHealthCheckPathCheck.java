package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * AWS-302, the guide's "Fix Health Check Configuration": a target group in use whose HTTP(S) health check probes
 * another path than {@code thresholds.health-check-path} (the guide's {@code /api/health}). TCP, TLS, UDP and
 * GENEVE health checks have no path and are not judged.
 */
@Component
public class ElbHealthCheckPathCheck extends AwsCheck {

    static final String ID = "aws.elbv2.health-check-path";
    private static final Set<ProtocolEnum> WITH_PATH = Set.of(ProtocolEnum.HTTP, ProtocolEnum.HTTPS);


    public ElbHealthCheckPathCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        String expected = targets.properties().thresholds().healthCheckPath();
        List<Problem> findings = new ArrayList<>();
        for (TargetGroup group : snapshot.targetGroups().in(context).orElse(List.of())) {
            if (!WITH_PATH.contains(group.healthCheckProtocol()) || expected.equals(group.healthCheckPath())) {
                continue;
            }
            Map<String, Object> facts = ElbTargetGroups.facts(group, context, targets);
            facts.put("expectedPath", expected);
            if (group.healthCheckPath() == null) {
                facts.put("healthCheckPath", "no path");
            }
            findings.add(Problem.of(AwsCode.AWS_302, ElbTargetGroups.resource(group), facts));
        }
        return findings;
    }
}
