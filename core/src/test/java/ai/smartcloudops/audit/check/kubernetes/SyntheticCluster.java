package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.demo.LocalKubeconfig;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A synthetic Kubernetes API server for tests and benchmarks: it generates N nodes, M pods and D deployments
 * deterministically from their index (nothing is stored, so 150,000 pods cost no memory), serves them in pages
 * with {@code limit}/{@code continue} as the real API server does, answers discovery ({@code /api},
 * {@code /apis}) so kubectl works against it, answers SelfSubjectAccessReviews, and counts every request.
 */
public final class SyntheticCluster implements AutoCloseable {

    /**
     * What the cluster holds. A fault "every n" marks one object in n (0: none); each fault has its own residue
     * ({@link #NOT_READY}, {@link #CRASH_LOOP}, ...), so no object carries two.
     *
     * @param forbidden   resources (e.g. "pods") the audit may not list: the review says no and the list is 403
     * @param expireOnce  the first continue token of this resource is answered 410 Gone once
     * @param metrics     whether metrics.k8s.io is served (as metrics-server does, with no samples)
     */
    public record Spec(int nodes, int pods, int deployments, int notReadyEvery, int crashLoopEvery, int oomEvery,
                       int pendingEvery, int degradedEvery, Set<String> forbidden, String expireOnce,
                       boolean metrics) {

        public static Spec of(int nodes, int pods) {
            return new Spec(nodes, pods, Math.max(1, pods / 30), 1000, 1000, 1500, 2000, 100, Set.of(), null, true);
        }

        public Spec forbid(String resource) {
            return new Spec(nodes, pods, deployments, notReadyEvery, crashLoopEvery, oomEvery, pendingEvery,
                    degradedEvery, Set.of(resource), expireOnce, metrics);
        }

        public Spec expiringOnce(String resource) {
            return new Spec(nodes, pods, deployments, notReadyEvery, crashLoopEvery, oomEvery, pendingEvery,
                    degradedEvery, forbidden, resource, metrics);
        }

        public Spec withoutMetrics() {
            return new Spec(nodes, pods, deployments, notReadyEvery, crashLoopEvery, oomEvery, pendingEvery,
                    degradedEvery, forbidden, expireOnce, false);
        }

        /** How many of {@code count} objects carry a fault marked every {@code every} at {@code residue}. */
        public static int faulty(int count, int every, int residue) {
            return every <= 0 || count <= residue ? 0 : (count - residue - 1) / every + 1;
        }
    }

    public static final int NOT_READY = 0;
    public static final int DEGRADED = 0;
    public static final int CRASH_LOOP = 1;
    public static final int OOM = 2;
    public static final int PENDING = 3;

    /** {@code /api/v1/<kind>} or {@code /apis/<group>/<version>/<kind>}, cluster-wide or in one namespace. */
    private static final java.util.regex.Pattern EMPTY_LIST = java.util.regex.Pattern.compile(
            "/(?:api/v1|apis/([a-z0-9.-]+/v[0-9a-z]+))(?:/namespaces/[a-z0-9-]+)?/([a-z]+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CREATED = "2026-01-05T08:00:00Z";

    private final Spec spec;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
    private final AtomicBoolean expired = new AtomicBoolean();
    private final Instant now;

    private SyntheticCluster(Spec spec, Instant now) throws IOException {
        this.spec = spec;
        this.now = now;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static SyntheticCluster start(Spec spec, Instant now) throws IOException {
        return new SyntheticCluster(spec, now);
    }

    /**
     * Serves a synthetic cluster until killed, for benchmarks: {@code NODES PODS DIR} writes DIR/synthetic.kubeconfig
     * and prints the server's address.
     */
    public static void main(String[] args) throws Exception {
        SyntheticCluster cluster = start(Spec.of(Integer.parseInt(args[0]), Integer.parseInt(args[1])), Instant.now());
        Path kubeconfig = cluster.kubeconfig(Path.of(args[2]), "synthetic");
        System.out.println(cluster.url() + " " + kubeconfig);
        Thread.currentThread().join();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request served so far. */
    public int requests() {
        return requests.get();
    }

    /** Requests per path (without query), e.g. {@code GET /api/v1/pods}. */
    public Map<String, Integer> requestsByPath() {
        Map<String, Integer> copy = new HashMap<>();
        byPath.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** A kubeconfig for this server, with the given context name. */
    public Path kubeconfig(Path dir, String context) throws IOException {
        return LocalKubeconfig.write(dir.resolve(context + ".kubeconfig"), context, url());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        if (path.equals("/_synthetic/requests")) {   // for benchmarks in another process; not counted
            try (exchange) {
                byte[] count = String.valueOf(requests.get()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, count.length);
                exchange.getResponseBody().write(count);
            }
            return;
        }
        requests.incrementAndGet();
        byPath.computeIfAbsent(exchange.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
        Map<String, String> query = query(uri.getRawQuery());
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (path) {
                case "/api" -> write(exchange, 200, g -> {
                    g.writeStringProperty("kind", "APIVersions");
                    g.writeArrayPropertyStart("versions");
                    g.writeString("v1");
                    g.writeEndArray();
                });
                case "/apis" -> write(exchange, 200, this::groups);
                case "/api/v1" -> write(exchange, 200, g -> resources(g, "v1",
                        new String[][] {{"nodes", "Node", "false"}, {"pods", "Pod", "true"},
                                {"events", "Event", "true"}, {"namespaces", "Namespace", "false"}}));
                case "/apis/apps/v1" -> write(exchange, 200, g -> resources(g, "apps/v1",
                        new String[][] {{"deployments", "Deployment", "true"}}));
                case "/apis/authorization.k8s.io/v1" -> write(exchange, 200, g -> resources(g,
                        "authorization.k8s.io/v1", new String[][] {{"selfsubjectaccessreviews",
                                "SelfSubjectAccessReview", "false"}}));
                case "/version" -> write(exchange, 200, g -> {
                    g.writeStringProperty("major", "1");
                    g.writeStringProperty("minor", "31");
                    g.writeStringProperty("gitVersion", "v1.31.0-synthetic");
                });
                case "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" -> review(exchange, body);
                case "/api/v1/nodes" -> list(exchange, "nodes", "NodeList", "v1", spec.nodes(), query, this::node);
                case "/api/v1/pods" -> list(exchange, "pods", "PodList", "v1", spec.pods(), query, this::pod);
                case "/api/v1/events" -> list(exchange, "events", "EventList", "v1", 0, query, (g, i) -> { });
                case "/apis/apps/v1/deployments" -> list(exchange, "deployments", "DeploymentList", "apps/v1",
                        spec.deployments(), query, this::deployment);
                default -> {
                    // every other list of a core or grouped kind exists, and is empty
                    java.util.regex.Matcher list = EMPTY_LIST.matcher(path);
                    boolean served = spec.metrics() || !path.startsWith("/apis/metrics.k8s.io/");
                    if (served && list.matches() && "GET".equals(exchange.getRequestMethod())) {
                        list(exchange, list.group(2), "List", list.group(1) == null ? "v1" : list.group(1), 0, query,
                                (g, i) -> { });
                    } else {
                        status(exchange, 404, "NotFound", "the server could not find the requested resource");
                    }
                }
            }
        }
    }

    private interface Body {
        void write(JsonGenerator g);
    }

    private interface Item {
        void write(JsonGenerator g, int index);
    }

    private void list(HttpExchange exchange, String resource, String kind, String apiVersion, int total,
                      Map<String, String> query, Item item) throws IOException {
        if (spec.forbidden().contains(resource)) {
            status(exchange, 403, "Forbidden", resource + " is forbidden: User \"system:serviceaccount:"
                    + "smartcloudops-monitoring:health-audit\" cannot list resource \"" + resource
                    + "\" at the cluster scope");
            return;
        }
        String token = query.get("continue");
        if (token != null && resource.equals(spec.expireOnce()) && expired.compareAndSet(false, true)) {
            status(exchange, 410, "Expired", "The provided continue parameter is too old to display a consistent "
                    + "list result. You can start a new list without the continue parameter.");
            return;
        }
        int from = token == null || token.isEmpty() ? 0 : Integer.parseInt(new String(
                Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":")[1]);
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : Integer.MAX_VALUE;
        int to = (int) Math.min(total, (long) from + limit);
        write(exchange, 200, g -> {
            g.writeStringProperty("kind", kind);
            g.writeStringProperty("apiVersion", apiVersion);
            g.writeObjectPropertyStart("metadata");
            g.writeStringProperty("resourceVersion", "1000");
            if (to < total) {
                g.writeStringProperty("continue", Base64.getUrlEncoder().encodeToString(
                        (resource + ":" + to).getBytes(StandardCharsets.UTF_8)));
                g.writeNumberProperty("remainingItemCount", total - to);
            }
            g.writeEndObject();
            g.writeArrayPropertyStart("items");
            for (int i = from; i < to; i++) {
                g.writeStartObject();
                item.write(g, i);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private void node(JsonGenerator g, int i) {
        String name = nodeName(i);
        boolean notReady = every(i, spec.notReadyEvery(), NOT_READY);
        g.writeStringProperty("kind", "Node");
        g.writeStringProperty("apiVersion", "v1");
        g.writeObjectPropertyStart("metadata");
        g.writeStringProperty("name", name);
        g.writeStringProperty("uid", "node-uid-" + i);
        g.writeStringProperty("creationTimestamp", CREATED);
        g.writeObjectPropertyStart("labels");
        g.writeStringProperty("eks.amazonaws.com/nodegroup", "general-" + (i % 10));
        g.writeStringProperty("kubernetes.io/hostname", name);
        g.writeStringProperty("topology.kubernetes.io/zone", "us-east-1" + "abc".charAt(i % 3));
        g.writeStringProperty("node.kubernetes.io/instance-type", "m6i.2xlarge");
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectPropertyStart("spec");
        g.writeStringProperty("providerID", "aws:///us-east-1a/i-" + String.format("%017x", i));
        g.writeEndObject();
        g.writeObjectPropertyStart("status");
        g.writeObjectPropertyStart("capacity");
        g.writeStringProperty("cpu", "8");
        g.writeStringProperty("memory", "32Gi");
        g.writeStringProperty("pods", "110");
        g.writeEndObject();
        g.writeObjectPropertyStart("allocatable");
        g.writeStringProperty("cpu", "7910m");
        g.writeStringProperty("memory", "31Gi");
        g.writeStringProperty("pods", "110");
        g.writeEndObject();
        g.writeArrayPropertyStart("conditions");
        condition(g, "Ready", notReady ? "Unknown" : "True", notReady ? "NodeStatusUnknown" : "KubeletReady",
                notReady ? "Kubelet stopped posting node status." : "kubelet is posting ready status");
        condition(g, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory");
        condition(g, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure");
        condition(g, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available");
        g.writeEndArray();
        g.writeObjectPropertyStart("nodeInfo");
        g.writeStringProperty("kubeletVersion", "v1.31.0-eks");
        g.writeStringProperty("containerRuntimeVersion", "containerd://1.7.11");
        g.writeStringProperty("osImage", "Amazon Linux 2023");
        g.writeEndObject();
        g.writeEndObject();
    }

    private void pod(JsonGenerator g, int i) {
        String app = "app-" + (i % Math.max(1, spec.deployments()));
        String name = app + "-7d9f8b6c5d-" + String.format("%06d", i);
        boolean pending = every(i, spec.pendingEvery(), PENDING);
        boolean crashLoop = every(i, spec.crashLoopEvery(), CRASH_LOOP);
        boolean oom = every(i, spec.oomEvery(), OOM);
        g.writeStringProperty("kind", "Pod");
        g.writeStringProperty("apiVersion", "v1");
        g.writeObjectPropertyStart("metadata");
        g.writeStringProperty("name", name);
        g.writeStringProperty("namespace", "ns-" + (i % 50));
        g.writeStringProperty("uid", "pod-uid-" + i);
        g.writeStringProperty("creationTimestamp", CREATED);
        g.writeObjectPropertyStart("labels");
        g.writeStringProperty("app", app);
        g.writeStringProperty("pod-template-hash", "7d9f8b6c5d");
        g.writeEndObject();
        g.writeArrayPropertyStart("ownerReferences");
        g.writeStartObject();
        g.writeStringProperty("apiVersion", "apps/v1");
        g.writeStringProperty("kind", "ReplicaSet");
        g.writeStringProperty("name", app + "-7d9f8b6c5d");
        g.writeStringProperty("uid", "rs-uid-" + app);
        g.writeBooleanProperty("controller", true);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectPropertyStart("spec");
        if (!pending) {
            g.writeStringProperty("nodeName", nodeName(i % Math.max(1, spec.nodes())));
        }
        g.writeArrayPropertyStart("containers");
        g.writeStartObject();
        g.writeStringProperty("name", app);
        g.writeStringProperty("image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + app + ":2.0.0");
        g.writeObjectPropertyStart("resources");
        g.writeObjectPropertyStart("requests");
        g.writeStringProperty("cpu", "50m");
        g.writeStringProperty("memory", "200Mi");
        g.writeEndObject();
        g.writeObjectPropertyStart("limits");
        g.writeStringProperty("memory", "512Mi");
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectPropertyStart("readinessProbe");
        g.writeObjectPropertyStart("httpGet");
        g.writeStringProperty("path", "/api/health");
        g.writeNumberProperty("port", 5000);
        g.writeEndObject();
        g.writeNumberProperty("periodSeconds", 10);
        g.writeEndObject();
        g.writeArrayPropertyStart("ports");
        g.writeStartObject();
        g.writeNumberProperty("containerPort", 5000);
        g.writeStringProperty("protocol", "TCP");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectPropertyStart("status");
        g.writeStringProperty("phase", pending ? "Pending" : "Running");
        g.writeArrayPropertyStart("conditions");
        if (pending) {
            condition(g, "PodScheduled", "False", "Unschedulable",
                    "0/" + spec.nodes() + " nodes are available: " + spec.nodes() + " Insufficient memory.");
        } else {
            condition(g, "PodScheduled", "True", null, null);
            condition(g, "Ready", crashLoop ? "False" : "True", null, null);
        }
        g.writeEndArray();
        if (!pending) {
            g.writeStringProperty("podIP", "10.1." + (i / 250 % 250) + "." + (i % 250));
            g.writeArrayPropertyStart("containerStatuses");
            g.writeStartObject();
            g.writeStringProperty("name", app);
            g.writeBooleanProperty("ready", !crashLoop);
            g.writeNumberProperty("restartCount", crashLoop ? 23 : oom ? 2 : 0);
            g.writeObjectPropertyStart("state");
            if (crashLoop) {
                g.writeObjectPropertyStart("waiting");
                g.writeStringProperty("reason", "CrashLoopBackOff");
                g.writeStringProperty("message", "back-off 5m0s restarting failed container");
            } else {
                g.writeObjectPropertyStart("running");
                g.writeStringProperty("startedAt", CREATED);
            }
            g.writeEndObject();
            g.writeEndObject();
            if (crashLoop || oom) {
                g.writeObjectPropertyStart("lastState");
                g.writeObjectPropertyStart("terminated");
                g.writeStringProperty("reason", oom ? "OOMKilled" : "Error");
                g.writeNumberProperty("exitCode", oom ? 137 : 1);
                g.writeStringProperty("finishedAt", now.minusSeconds(600).toString());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void deployment(JsonGenerator g, int i) {
        boolean degraded = every(i, spec.degradedEvery(), DEGRADED);
        g.writeStringProperty("kind", "Deployment");
        g.writeStringProperty("apiVersion", "apps/v1");
        g.writeObjectPropertyStart("metadata");
        g.writeStringProperty("name", "app-" + i);
        g.writeStringProperty("namespace", "ns-" + (i % 50));
        g.writeStringProperty("uid", "deploy-uid-" + i);
        g.writeEndObject();
        g.writeObjectPropertyStart("spec");
        g.writeNumberProperty("replicas", 3);
        g.writeObjectPropertyStart("selector");
        g.writeObjectPropertyStart("matchLabels");
        g.writeStringProperty("app", "app-" + i);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectPropertyStart("status");
        g.writeNumberProperty("replicas", 3);
        g.writeNumberProperty("readyReplicas", degraded ? 2 : 3);
        g.writeNumberProperty("availableReplicas", degraded ? 2 : 3);
        if (degraded) {
            g.writeNumberProperty("unavailableReplicas", 1);
        }
        g.writeEndObject();
    }

    private void review(HttpExchange exchange, byte[] body) throws IOException {
        String resource = JSON.readTree(body).path("spec").path("resourceAttributes").path("resource").asString();
        boolean allowed = !spec.forbidden().contains(resource);
        write(exchange, 201, g -> {
            g.writeStringProperty("kind", "SelfSubjectAccessReview");
            g.writeStringProperty("apiVersion", "authorization.k8s.io/v1");
            g.writeObjectPropertyStart("status");
            g.writeBooleanProperty("allowed", allowed);
            if (!allowed) {
                g.writeStringProperty("reason", "RBAC: no rule allows list on " + resource);
            }
            g.writeEndObject();
        });
    }

    private void groups(JsonGenerator g) {
        g.writeStringProperty("kind", "APIGroupList");
        g.writeStringProperty("apiVersion", "v1");
        g.writeArrayPropertyStart("groups");
        for (String group : new String[] {"apps", "authorization.k8s.io"}) {
            g.writeStartObject();
            g.writeStringProperty("name", group);
            g.writeArrayPropertyStart("versions");
            g.writeStartObject();
            g.writeStringProperty("groupVersion", group + "/v1");
            g.writeStringProperty("version", "v1");
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectPropertyStart("preferredVersion");
            g.writeStringProperty("groupVersion", group + "/v1");
            g.writeStringProperty("version", "v1");
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void resources(JsonGenerator g, String groupVersion, String[][] resources) {
        g.writeStringProperty("kind", "APIResourceList");
        g.writeStringProperty("apiVersion", "v1");
        g.writeStringProperty("groupVersion", groupVersion);
        g.writeArrayPropertyStart("resources");
        for (String[] r : resources) {
            g.writeStartObject();
            g.writeStringProperty("name", r[0]);
            g.writeStringProperty("singularName", r[1].toLowerCase());
            g.writeBooleanProperty("namespaced", Boolean.parseBoolean(r[2]));
            g.writeStringProperty("kind", r[1]);
            g.writeArrayPropertyStart("verbs");
            g.writeString("get");
            g.writeString("list");
            g.writeString("create");
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void condition(JsonGenerator g, String type, String status, String reason, String message) {
        g.writeStartObject();
        g.writeStringProperty("type", type);
        g.writeStringProperty("status", status);
        if (reason != null) {
            g.writeStringProperty("reason", reason);
            g.writeStringProperty("message", message);
        }
        g.writeStringProperty("lastTransitionTime", CREATED);
        g.writeEndObject();
    }

    private static void status(HttpExchange exchange, int code, String reason, String message) throws IOException {
        write(exchange, code, g -> {
            g.writeStringProperty("kind", "Status");
            g.writeStringProperty("apiVersion", "v1");
            g.writeObjectPropertyStart("metadata");
            g.writeEndObject();
            g.writeStringProperty("status", "Failure");
            g.writeStringProperty("message", message);
            g.writeStringProperty("reason", reason);
            g.writeNumberProperty("code", code);
        });
    }

    private static void write(HttpExchange exchange, int code, Body body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, 0);
        try (OutputStream out = exchange.getResponseBody(); JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        }
    }

    private static boolean every(int index, int every, int residue) {
        return every > 0 && index % every == residue;
    }

    static String nodeName(int i) {
        return String.format("ip-10-%d-%d-%d.ec2.internal", i / 65536 % 256, i / 256 % 256, i % 256);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
