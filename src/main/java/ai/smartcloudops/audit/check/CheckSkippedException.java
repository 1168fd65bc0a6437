package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Resource;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by a check that cannot look at what it needs — a kind it may not list, an API the target does not
 * serve. The sweep records coverage "skipped" with the message as reason, and raises the AUDIT code on the
 * resource given (so several checks missing the same thing make one finding).
 */
public class CheckSkippedException extends RuntimeException {

    private final AuditCode code;
    private final Resource resource;
    private final Map<String, String> facts;

    public CheckSkippedException(String reason, AuditCode code, Resource resource, Map<String, String> facts) {
        super(Objects.requireNonNull(reason, "reason"));
        this.code = Objects.requireNonNull(code, "code");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.facts = Map.copyOf(facts);
    }

    /**
     * A target the audit cannot connect to: one AUDIT-903 for every check of it, the reason on one line with the
     * secret it connected with masked.
     */
    public static CheckSkippedException unreachable(String target, String reason, String secret) {
        String message = secret == null || secret.isEmpty() ? reason : reason.replace(secret, "****");
        message = message.replaceAll("\\s+", " ").trim();
        return new CheckSkippedException("cannot connect: " + message, AuditCode.AUDIT_903,
                Resource.of("Target", target), Map.of("error", message));
    }

    public AuditCode code() {
        return code;
    }

    public Resource resource() {
        return resource;
    }

    public Map<String, String> facts() {
        return facts;
    }
}
