package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.check.SharedKey;
import ai.smartcloudops.audit.net.Deadline;
import ai.smartcloudops.audit.text.Humanize;
import ai.smartcloudops.audit.text.Secrets;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        if (!context.shared(SharedKey.of("kubernetes.pods-log", Boolean.class), () -> permitted(client))) {
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
        String url = base(client) + "/api/v1/namespaces/" + encode(problem.resource().namespace()) + "/pods/"
                + encode(problem.resource().name()) + "/log?container=" + encode(container)
                + "&previous=true&tailLines=" + LINES + "&limitBytes=" + BYTES;
        try {
            Answer answer = send(client, client.getHttpClient().newHttpRequestBuilder().uri(url).build());
            String text = answer.text();
            if (!HttpResponse.isSuccessful(answer.code())) {
                return "not read: HTTP " + answer.code() + message(client, text);
            }
            return Secrets.redact(text.strip()) + (answer.cut() ? " [cut at " + BYTES + " bytes]" : "");
        } catch (TimeoutException e) {
            return "not read: no complete answer within " + Humanize.duration(timeout(client));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not read: interrupted";
        } catch (IOException | ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return "not read: " + cause.getClass().getSimpleName();
        }
    }

    /**
     * Whether the audit may get pods/log in every namespace. A review without a status, or no answer within the
     * timeout (an old or partial server), is a yes.
     */
    private static boolean permitted(KubernetesClient client) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withVerb("get").withResource("pods").withSubresource("log").endResourceAttributes().endSpec()
                .build();
        try {
            Answer answer = send(client, client.getHttpClient().newHttpRequestBuilder()
                    .uri(base(client) + "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                    .post("application/json", client.getKubernetesSerialization().asJson(review)).build());
            SelfSubjectAccessReview reviewed = HttpResponse.isSuccessful(answer.code())
                    ? client.getKubernetesSerialization().unmarshal(answer.text(), SelfSubjectAccessReview.class)
                    : null;
            return reviewed == null || reviewed.getStatus() == null
                    || !Boolean.FALSE.equals(reviewed.getStatus().getAllowed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (TimeoutException | IOException | ExecutionException | RuntimeException e) {
            return true;
        }
    }

    /** A status and the start of a body: at most {@link #BYTES}, {@code cut} when there was more. */
    private record Answer(int code, byte[] head) {

        boolean cut() {
            return head.length > BYTES;
        }

        String text() {
            return new String(head, 0, Math.min(head.length, BYTES), StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends {@code request} and reads at most {@link #BYTES} + 1 of its body, all within the cluster's request
     * timeout: fabric8 bounds a request's start by it, not a body that trickles, so a {@link Deadline} closes the
     * body at the timeout, which ends the blocked read.
     */
    private static Answer send(KubernetesClient client, HttpRequest request)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        long started = System.nanoTime();
        Duration timeout = timeout(client);
        CompletableFuture<HttpResponse<InputStream>> pending = client.getHttpClient().sendAsync(request,
                InputStream.class);
        HttpResponse<InputStream> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw e;
        }
        InputStream body = response.body() == null ? InputStream.nullInputStream() : response.body();
        try (body; Deadline deadline = Deadline.after(timeout.minusNanos(System.nanoTime() - started),
                () -> closeQuietly(body))) {
            byte[] head;
            try {
                head = body.readNBytes(BYTES + 1);
            } catch (IOException e) {
                if (deadline.expired()) {
                    throw new TimeoutException();
                }
                throw e;
            }
            if (deadline.expired()) {
                throw new TimeoutException();
            }
            return new Answer(response.code(), head);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the read it ends fails, and says so
        }
    }

    private static Duration timeout(KubernetesClient client) {
        return Duration.ofMillis(Math.max(1, client.getConfiguration().getRequestTimeout()));
    }

    private static String base(KubernetesClient client) {
        return client.getMasterUrl().toString().replaceAll("/+$", "");
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
}
