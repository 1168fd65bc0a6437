package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.Template;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * K8S-6xx: Warning events of the window grouped by reason and object (the guide's "kubectl get events"), each
 * group's count compared with what the previous run of the same job counted. Events stream by; only one
 * running total per (reason, object) is kept.
 */
@Component
public class EventsCheck extends KubernetesCheck {

    static final String ID = "kubernetes.events";

    private static final Map<String, KubernetesCode> CODES = Map.of(
            "FailedScheduling", KubernetesCode.K8S_601,
            "BackOff", KubernetesCode.K8S_602,
            "Unhealthy", KubernetesCode.K8S_603,
            "FailedMount", KubernetesCode.K8S_604,
            "Evicted", KubernetesCode.K8S_605,
            "OOMKilling", KubernetesCode.K8S_606);

    public EventsCheck(KubernetesClusters clusters) {
        super(ID, clusters);
    }

    @Override
    Set<Kind> kinds() {
        return EnumSet.of(Kind.EVENTS);
    }

    @Override
    Inspection inspect(CheckContext context) {
        Duration window = clusters.properties().window();
        Instant since = context.now().minus(window);
        Map<Group, Tally> groups = new HashMap<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (!(object instanceof Event event) || !"Warning".equals(event.getType())
                        || !CODES.containsKey(event.getReason()) || event.getInvolvedObject() == null) {
                    return;
                }
                Instant last = lastSeen(event);
                if (last == null || last.isBefore(since)) {
                    return;
                }
                ObjectReference ref = event.getInvolvedObject();
                if (ref.getKind() == null || ref.getName() == null) {
                    return;
                }
                groups.computeIfAbsent(new Group(event.getReason(), new Resource(ref.getKind(), ref.getNamespace(),
                        ref.getName())), g -> new Tally()).add(occurrences(event), last, event.getMessage());
            }

            @Override
            public List<Problem> problems() {
                List<Problem> findings = new ArrayList<>();
                groups.forEach((group, tally) -> findings.add(finding(context, window, group, tally)));
                return findings;
            }
        };
    }

    private static Problem finding(CheckContext context, Duration window, Group group, Tally tally) {
        KubernetesCode code = CODES.get(group.reason());
        Resource resource = group.resource();
        String previous = context.previous(code, resource).map(e -> e.get("count")).orElse(null);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reason", group.reason());
        facts.put("count", tally.count);
        facts.put("object", resource.kind() + " " + (resource.namespace() == null ? ""
                : resource.namespace() + "/") + resource.name());
        facts.put("window", Humanize.duration(window));
        facts.put("message", KubernetesObjects.orElse(tally.message, "no message"));
        facts.put("lastSeen", tally.last.toString());
        facts.put("previous", previous == null ? "not seen" : previous);
        facts.put("change", change(tally.count, previous));
        facts.put("objectKind", resource.kind().toLowerCase(Locale.ROOT));
        facts.put("scope", resource.namespace() == null ? Template.Words.of() : Template.Words.of("-n", resource.namespace()));
        return Problem.of(code, resource, facts);
    }

    /** The count against the previous run's: new, unchanged, +n or -n. */
    private static String change(long count, String previous) {
        if (previous == null) {
            return "new";
        }
        long delta = count - Long.parseLong(previous);
        return delta == 0 ? "unchanged" : delta > 0 ? "+" + delta : String.valueOf(delta);
    }

    /** When the event last happened: its series, its last timestamp, its event time, or its creation. */
    private static Instant lastSeen(Event event) {
        if (event.getSeries() != null && event.getSeries().getLastObservedTime() != null) {
            return KubernetesObjects.instant(event.getSeries().getLastObservedTime().getTime());
        }
        if (event.getLastTimestamp() != null) {
            return KubernetesObjects.instant(event.getLastTimestamp());
        }
        if (event.getEventTime() != null) {
            return KubernetesObjects.instant(event.getEventTime().getTime());
        }
        return KubernetesObjects.instant(event.getMetadata().getCreationTimestamp());
    }

    private static long occurrences(Event event) {
        if (event.getSeries() != null && event.getSeries().getCount() != null) {
            return Math.max(1, event.getSeries().getCount());
        }
        return event.getCount() == null ? 1 : Math.max(1, event.getCount());
    }

    private record Group(String reason, Resource resource) {
    }

    /** The running total of one group: occurrences, the latest time and message. */
    private static final class Tally {
        private long count;
        private Instant last;
        private String message;

        void add(long occurrences, Instant seen, String text) {
            count += occurrences;
            if (last == null || seen.isAfter(last)) {
                last = seen;
                message = text;
            }
        }
    }
}
