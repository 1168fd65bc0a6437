package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.Gap;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the audit's Kubernetes identity may not do, as the gap it leaves: the verb and resource as RBAC names them. */
public final class Rbac {

    /** How the API server words a refusal: {@code cannot list resource "pods" in API group "" at the cluster scope}. */
    private static final Pattern REFUSED =
            Pattern.compile("cannot (\\S+) resource \"([^\"]+)\" in API group \"([^\"]*)\"");
    private static final String GRANT = "kubectl auth can-i %s --as=system:serviceaccount:<namespace>:health-audit"
            + " and allow it in the audit's ClusterRole (the one in k8s/cronjob allows what the audit reads)";

    private Rbac() {
    }

    /**
     * @param verb     e.g. {@code list}
     * @param resource as kubectl names it: {@code pods}, {@code deployments.apps}
     * @param hidden   what the refusal hid, with the API server's reason
     */
    static Gap denied(String verb, String resource, String hidden) {
        String permission = verb + " " + resource;
        return new Gap(hidden, permission, GRANT.formatted(permission));
    }

    /** Whether the API server refused the audit's identity (401, 403) anywhere in the error's causes. */
    public static boolean forbidden(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A refusal (401, 403) that no check named: the verb and resource the API server's message says it refused,
     * else whatever the check reads.
     */
    public static Gap refused(String checkId, String message) {
        String hidden = "what " + checkId + " reads (" + message + ")";
        Matcher m = REFUSED.matcher(String.valueOf(message));
        if (!m.find()) {
            return new Gap(hidden, "what " + checkId + " reads", GRANT.formatted("--list"));
        }
        return denied(m.group(1), m.group(3).isEmpty() ? m.group(2) : m.group(2) + "." + m.group(3), hidden);
    }
}
