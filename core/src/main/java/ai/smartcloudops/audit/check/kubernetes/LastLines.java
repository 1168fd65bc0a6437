package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.text.Humanize;
import ai.smartcloudops.audit.text.Secrets;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The last lines a container wrote before it ended ({@code kubectl logs --previous}), kept as evidence on the
 * findings of crash-looping and OOM-killed containers: at most {@link #LINES} lines and {@link #BYTES} bytes of each,
 * for the first {@link #CONTAINERS} findings of a check, credentials masked. Read after the checks inspected the scan,
 * only for their findings, and only when the audit may get pods/log; when it may not, the check's coverage says so.
 */
final class LastLines {

    static final int LINES = 20;
    static final int BYTES = 4096;
    static final int CONTAINERS = 10;
    static final String FACT = "lastLines";
    static final String PERMISSION = "get pods/log";

    private LastLines() {
    }

    /** {@code problems} with the last lines of their container (fact {@code container}) added where readable. */
    static List<Problem> attach(CheckContext context, KubernetesClient client, List<Problem> problems) {
        if (problems.isEmpty()) {
            return problems;
        }
        // no answer within the timeout is a yes, as an old or partial server's is
        if (!context.shared(SharedKey.of("kubernetes.pods-log", Boolean.class),
                () -> bounded(client, () -> permitted(client), why -> true))) {
            context.partial("the last lines of crash-looping and OOM-killed containers", PERMISSION,
                    "a rule of the audit's ClusterRole: {apiGroups: [\"\"], resources: [pods/log], verbs: [get]} "
                            + "(k8s/cronjob/rbac.yaml has it)");
            return problems;
        }
        List<Problem> attached = new ArrayList<>(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            Problem problem = problems.get(i);
            Object container = problem.facts().get("container");
            attached.add(i < CONTAINERS && container != null
                    ? problem.withFact(FACT, read(client, problem, container.toString())) : problem);
        }
        return attached;
    }

    /**
     * The container's last lines, or why there are none: one GET of pods/log, which the API server bounds in lines and
     * bytes (fabric8's log DSL would GET the pod first, a request per finding more).
     */
    private static String read(KubernetesClient client, Problem problem, String container) {
        String url = client.getMasterUrl().toString().replaceAll("/+$", "") + "/api/v1/namespaces/"
                + encode(problem.resource().namespace()) + "/pods/" + encode(problem.resource().name())
                + "/log?container=" + encode(container) + "&previous=true&tailLines=" + LINES + "&limitBytes=" + BYTES;
        HttpClient http = client.getHttpClient();
        return bounded(client, () -> {
            HttpResponse<InputStream> response = http.sendAsync(http.newHttpRequestBuilder().uri(url).build(),
                    InputStream.class).get();
            try (InputStream in = response.body()) {
                byte[] head = in == null ? new byte[0] : in.readNBytes(BYTES + 1);
                String text = new String(head, 0, Math.min(head.length, BYTES), StandardCharsets.UTF_8);
                if (!response.isSuccessful()) {
                    return "not read: HTTP " + response.code() + message(client, text);
                }
                return Secrets.redact(text.strip()) + (head.length > BYTES ? " [cut at " + BYTES + " bytes]" : "");
            }
        }, why -> "not read: " + why);
    }

    /** ": the message" of a Status the API server answered, or nothing. */
    private static String message(KubernetesClient client, String body) {
        try {
            Status status = client.getKubernetesSerialization().unmarshal(body, Status.class);
            return status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * What {@code call} answers within the cluster's request timeout, or why not: fabric8 bounds a request's start by
     * it, not a body that trickles, so the call runs on a thread of its own that is given up at the timeout.
     */
    private static <T> T bounded(KubernetesClient client, Callable<T> call, Function<String, T> failed) {
        Duration timeout = Duration.ofMillis(Math.max(1, client.getConfiguration().getRequestTimeout()));
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kubernetes-last-lines");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return reader.submit(call).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return failed.apply("no complete answer within " + Humanize.duration(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed.apply("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof ExecutionException inner ? inner.getCause() : e.getCause();
            return failed.apply(cause instanceof KubernetesClientException k ? "HTTP " + k.getCode()
                    + (k.getStatus() == null || k.getStatus().getMessage() == null ? ""
                    : ": " + k.getStatus().getMessage()) : cause.getClass().getSimpleName());
        } finally {
            // interrupts the call given up on; its thread is a daemon, so a read that ignores that cannot hold the run
            reader.shutdownNow();
        }
    }

    /** Whether the audit may get pods/log in every namespace; a review without a status is a yes. */
    private static boolean permitted(KubernetesClient client) {
        SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(
                new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes().withVerb("get")
                        .withResource("pods").withSubresource("log").endResourceAttributes().endSpec().build());
        return review.getStatus() == null || !Boolean.FALSE.equals(review.getStatus().getAllowed());
    }
}
