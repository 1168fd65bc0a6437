package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.AuditCode;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.CheckSkippedException;
import ai.smartcloudops.audit.check.NotPermittedException;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Urls;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One pass over one cluster for every Kubernetes check of a run: each kind is listed once, cluster-wide, in
 * pages, and every page is handed to the checks that read that kind as it arrives — nothing holds a whole
 * cluster. A kind the audit may not list, or that fails to list, fails only the checks that read it (a kind it
 * may not list leaves them partial: what they could not see is not audited).
 */
final class ClusterScan {

    /** Codes (comma-separated, or *) waived on the annotated object; the reason comes from WAIVE_REASON. */
    static final String WAIVE = "health-audit.smartcloudops.ai/waive";
    static final String WAIVE_REASON = "health-audit.smartcloudops.ai/waive-reason";
    /**
     * Until when the waiver holds: a date (through that day, UTC) or an instant, as a configuration waiver's expires;
     * past it, or unreadable, the annotation waives nothing.
     */
    static final String WAIVE_UNTIL = "health-audit.smartcloudops.ai/waive-until";

    private final Map<String, List<Problem>> findings = new HashMap<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();

    private ClusterScan() {
    }

    /** The findings of one check, or its failure rethrown. */
    List<Problem> problemsOf(String checkId) {
        RuntimeException failure = failures.get(checkId);
        if (failure != null) {
            throw failure;
        }
        List<Problem> found = findings.get(checkId);
        if (found == null) {
            throw new IllegalStateException("check " + checkId + " was not part of the cluster scan");
        }
        return found;
    }

    static ClusterScan run(KubernetesClient client, CheckContext context, List<KubernetesCheck> checks,
                           int pageSize, KubernetesProperties.Namespaces namespaces) {
        ClusterScan scan = new ClusterScan();
        Map<KubernetesCheck, Inspection> inspections = new LinkedHashMap<>();
        for (KubernetesCheck check : checks) {
            try {
                inspections.put(check, check.inspect(context.forCheck(check.id())));
            } catch (RuntimeException e) {
                scan.failures.put(check.id(), e);
            }
        }
        Map<Resource, Waiver> waivers = new HashMap<>();
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        inspections.keySet().forEach(c -> kinds.addAll(c.kinds()));
        for (Kind kind : kinds) {
            List<KubernetesCheck> readers = inspections.keySet().stream()
                    .filter(c -> c.kinds().contains(kind)).toList();
            try {
                permit(client, kind);
                list(client, kind, pageSize, object -> {
                    if (!namespaces.audited(object.getMetadata().getNamespace())) {
                        return;
                    }
                    Waiver.of(object, context.now()).ifPresent(w -> waivers.put(resource(object), w));
                    for (KubernetesCheck reader : readers) {
                        if (!scan.failures.containsKey(reader.id())) {
                            try {
                                inspections.get(reader).accept(object);
                            } catch (RuntimeException e) {
                                scan.failures.put(reader.id(), e);
                            }
                        }
                    }
                });
            } catch (RuntimeException e) {
                if (e instanceof KubernetesClientException k && k.getCode() <= 0) {
                    // no HTTP answer at all: the cluster is out of reach, and every other kind would wait as long
                    KubernetesClientException unreachable = unreachable(client, k);
                    inspections.keySet().forEach(c -> scan.failures.putIfAbsent(c.id(), unreachable));
                    break;
                }
                RuntimeException failure = forbidden(e) ? notPermitted(kind, refusal((KubernetesClientException) e))
                        : notServed(e) && kind.optionalApiPurpose() != null ? notServed(kind, e.getMessage()) : e;
                readers.forEach(r -> scan.failures.putIfAbsent(r.id(), failure));
            }
        }
        inspections.forEach((check, inspection) -> {
            if (!scan.failures.containsKey(check.id())) {
                try {
                    scan.findings.put(check.id(), inspection.problems().stream().map(f -> {
                        Waiver waiver = waivers.get(f.resource());
                        return waiver != null && waiver.covers(f.code().code()) ? f.waive(waiver.reason(f.resource())) : f;
                    }).toList());
                } catch (RuntimeException e) {
                    scan.failures.put(check.id(), e);
                }
            }
        });
        return scan;
    }

    /**
     * fabric8 says only "An error has occurred." when no HTTP answer came: name the API server and the innermost
     * cause that says something instead (the cause chain is kept, so the sweep still sees a connection failure). The
     * JDK's HttpClient says nothing of a refused connection: a ConnectException without a message, of a closed
     * channel.
     */
    static KubernetesClientException unreachable(KubernetesClient client, KubernetesClientException error) {
        String why = null;
        Throwable innermost = error;
        for (int depth = 0; innermost.getCause() != null && depth < 16; depth++) {
            innermost = innermost.getCause();
            if (innermost.getMessage() != null && !innermost.getMessage().isBlank()) {
                why = innermost.getMessage();
            } else if (innermost instanceof ConnectException) {
                why = "Connection refused";
            }
        }
        if (why == null) {
            why = innermost == error ? error.getMessage() : innermost.getClass().getSimpleName();
        }
        return new KubernetesClientException("API server " + Urls.mask(String.valueOf(client.getMasterUrl()))
                + " cannot be reached: " + why, error);
    }

    /** Asks the API server whether the audit may list the kind; no answer (an old or partial server) is a yes. */
    private static void permit(KubernetesClient client, Kind kind) {
        SelfSubjectAccessReview review;
        try {
            review = client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                    .withNewSpec().withNewResourceAttributes().withVerb("list").withGroup(kind.group())
                    .withResource(kind.resource()).endResourceAttributes().endSpec().build());
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0) {
                return; // the review itself is not served or not allowed: the list answers for itself
            }
            throw e;
        }
        if (review != null && review.getStatus() != null && Boolean.FALSE.equals(review.getStatus().getAllowed())) {
            String reason = review.getStatus().getReason();
            throw notPermitted(kind, reason == null || reason.isBlank() ? "denied by RBAC" : reason);
        }
    }

    /** Lists every page of a kind. */
    private static void list(KubernetesClient client, Kind kind, int pageSize, Consumer<HasMetadata> consumer) {
        KubernetesPages.<HasMetadata>each(options -> kind.list(client, options), pageSize, consumer);
    }

    private static Resource resource(HasMetadata object) {
        return new Resource(HasMetadata.getKind(object.getClass()), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    /** The waive annotation of one object: the codes it waives and why. */
    private record Waiver(Set<String> codes, String why, String until) {

        static Optional<Waiver> of(HasMetadata object, Instant now) {
            Map<String, String> annotations = object.getMetadata().getAnnotations();
            String codes = annotations == null ? null : annotations.get(WAIVE);
            if (codes == null || codes.isBlank()) {
                return Optional.empty();
            }
            String until = annotations.get(WAIVE_UNTIL);
            if (until != null && !holds(until.trim(), now)) {
                return Optional.empty();
            }
            Set<String> set = new HashSet<>();
            for (String code : codes.split(",")) {
                if (!code.isBlank()) {
                    set.add(code.trim());
                }
            }
            return Optional.of(new Waiver(set, annotations.get(WAIVE_REASON), until == null ? null : until.trim()));
        }

        private static boolean holds(String until, Instant now) {
            try {
                return now.isBefore(AuditProperties.Waiver.expiresAt(until));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        boolean covers(String code) {
            return codes.contains("*") || codes.contains(code);
        }

        String reason(Resource resource) {
            return "annotation " + WAIVE + " on " + resource.path() + (until == null ? "" : " until " + until)
                    + (why == null || why.isBlank() ? " (no " + WAIVE_REASON + " given)" : ": " + why);
        }
    }

    private static boolean notServed(RuntimeException e) {
        return e instanceof KubernetesClientException k && (k.getCode() == 404 || k.getCode() == 503);
    }

    private static CheckSkippedException notServed(Kind kind, String error) {
        return new CheckSkippedException(kind.group() + " not served", AuditCode.AUDIT_905,
                new Resource("ApiService", null, kind.group()),
                Map.of("api", kind.group(), "purpose", kind.optionalApiPurpose(), "error",
                        error == null ? "not found" : error));
    }

    private static boolean forbidden(RuntimeException e) {
        return e instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403);
    }

    /** What the API server said it refused (its Status), without the request fabric8 wraps around it. */
    private static String refusal(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
    }

    private static NotPermittedException notPermitted(Kind kind, String error) {
        return new NotPermittedException(Rbac.denied("list", kind.qualified(), "the cluster's " + kind.qualified()
                + " (" + error + ")"));
    }
}
