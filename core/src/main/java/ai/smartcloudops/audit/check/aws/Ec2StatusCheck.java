package ai.smartcloudops.audit.check.aws;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusEvent;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.SummaryStatus;

/**
 * Every instance's status checks and scheduled events (DescribeInstanceStatus with includeAllInstances, every page):
 * a failed system or instance check (AWS-101), an event that starts within the configured horizon (AWS-102, P1
 * within 24 hours). Events described as [Completed] or [Canceled] are history, not plans.
 */
@Component
public class Ec2StatusCheck extends AwsCheck {

    public static final String ID = "aws.ec2.status";
    static final Duration IMMINENT = Duration.ofHours(24);


    public Ec2StatusCheck(AwsTargets targets) {
        super(ID, targets);
    }

    @Override
    List<Problem> inspect(CheckContext context, AwsSnapshot snapshot) {
        List<InstanceStatus> statuses = snapshot.instanceStatuses().in(context).orElse(List.of());
        Duration within = targets.properties().thresholds().maintenanceWithin();
        List<Problem> findings = new ArrayList<>();
        for (InstanceStatus status : statuses) {
            Resource instance = Resource.of("Instance", status.instanceId());
            if (impaired(status.systemStatus()) || impaired(status.instanceStatus())) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("zone", status.availabilityZone() == null ? "?" : status.availabilityZone());
                facts.put("system", summary(status.systemStatus()));
                facts.put("instance", summary(status.instanceStatus()));
                facts.put("failing", failing(status));
                findings.add(Problem.of(AwsCode.AWS_101, instance, facts));
            }
            upcoming(status, context.now(), within).ifPresent(event -> {
                Duration startsIn = Duration.between(context.now(), event.notBefore());
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("event", event.codeAsString());
                facts.put("eventId", event.instanceEventId() == null ? "?" : event.instanceEventId());
                facts.put("notBefore", event.notBefore());
                facts.put("notAfter", event.notAfter() == null ? "open" : event.notAfter());
                facts.put("startsIn", startsIn.isNegative() ? "started" : Humanize.duration(startsIn));
                facts.put("description", event.description() == null ? "-" : event.description());
                facts.put("within", Humanize.duration(within));
                findings.add(Problem.graded(AwsCode.AWS_102, startsIn.compareTo(IMMINENT) <= 0 ? AwsCode.IMMINENT : Grade.DEFAULT, instance, facts));
            });
        }
        return findings;
    }

    private static boolean impaired(InstanceStatusSummary summary) {
        return summary != null && summary.status() == SummaryStatus.IMPAIRED;
    }

    private static String summary(InstanceStatusSummary summary) {
        return summary == null || summary.status() == null ? "-" : summary.statusAsString();
    }

    /** The failed details, e.g. {@code system reachability failed since 2026-05-01T09:12:00Z}. */
    private static String failing(InstanceStatus status) {
        List<String> failed = new ArrayList<>();
        failed(failed, "system", status.systemStatus());
        failed(failed, "instance", status.instanceStatus());
        return failed.isEmpty() ? "no details" : String.join(", ", failed);
    }

    private static void failed(List<String> failed, String check, InstanceStatusSummary summary) {
        if (impaired(summary)) {
            summary.details().forEach(d -> failed.add(check + " " + d.nameAsString() + " " + d.statusAsString()
                    + (d.impairedSince() == null ? "" : " since " + d.impairedSince())));
        }
    }

    /** The soonest event still to come or under way that starts within the horizon. */
    static Optional<InstanceStatusEvent> upcoming(InstanceStatus status, Instant now, Duration within) {
        return status.events().stream()
                .filter(e -> e.notBefore() != null && !e.notBefore().isAfter(now.plus(within)))
                .filter(e -> e.notAfter() == null || e.notAfter().isAfter(now))
                .filter(e -> e.description() == null || !(e.description().startsWith("[Completed]")
                        || e.description().startsWith("[Canceled]")))
                .min(Comparator.comparing(InstanceStatusEvent::notBefore));
    }
}
