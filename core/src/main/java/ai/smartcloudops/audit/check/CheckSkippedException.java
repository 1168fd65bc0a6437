package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.net.LimitExceededException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by a check that cannot look at what it needs — a kind it may not list, an API the target does not
 * serve. The sweep records coverage "skipped" with the message as reason, and raises the AUDIT code on the
 * resource given (so several checks missing the same thing make one finding). A check whose facts are reported
 * elsewhere in the run (on the server, on the primary) is skipped without a code: coverage only.
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

    /** A check with nothing to report here, as the run reports it elsewhere ({@code reason} says where): no finding. */
    public CheckSkippedException(String reason) {
        super(Objects.requireNonNull(reason, "reason"));
        this.code = null;
        this.resource = null;
        this.facts = Map.of();
    }

    /**
     * A target the audit cannot connect to: one AUDIT-903 for every check of it, the reason on one line with the
     * secret it connected with masked.
     */
    public static CheckSkippedException unreachable(String target, String reason, String secret) {
        String message = masked(reason, secret);
        return new CheckSkippedException("cannot connect: " + message, AuditCode.AUDIT_903,
                Resource.of("Target", target), Map.of("error", message));
    }

    /**
     * A target whose answer failed with {@code error}: AUDIT-906 when the audit cut the answer off at one of its
     * limits (the reason names it), otherwise {@link #unreachable}.
     */
    public static CheckSkippedException unanswered(String target, IOException error, String reason, String secret) {
        if (!LimitExceededException.in(error)) {
            return unreachable(target, reason, secret);
        }
        String message = masked(reason, secret);
        return new CheckSkippedException("answer over a limit: " + message, AuditCode.AUDIT_906,
                Resource.of("Target", target), Map.of("error", message));
    }

    /** The reason on one line, with the secret the audit connected with masked. */
    private static String masked(String reason, String secret) {
        String message = secret == null || secret.isEmpty() ? reason : reason.replace(secret, "****");
        return message.replaceAll("\\s+", " ").trim();
    }

    /** The AUDIT code raised, or null when the facts are reported elsewhere. */
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
