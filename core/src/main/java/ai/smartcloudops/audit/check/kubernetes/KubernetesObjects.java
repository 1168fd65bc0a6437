package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.finding.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Null-safe reading of API objects and the formatting every Kubernetes check shares. The API server may omit
 * any optional field (a fresh node has no status yet), so every accessor treats a missing field as absent.
 */
final class KubernetesObjects {

    static final String CPU = "cpu";
    static final String MEMORY = "memory";

    private static final String NODEGROUP_LABEL = "eks.amazonaws.com/nodegroup";
    private static final String TEMPLATE_HASH_LABEL = "pod-template-hash";
    private static final String[] BINARY_UNITS = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private KubernetesObjects() {
    }

    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    static <K, V> Map<K, V> map(Map<K, V> items) {
        return items == null ? Map.of() : items;
    }

    /** The condition of the given type, from any kind's condition list. */
    static <C> Optional<C> condition(List<C> conditions, Function<C, String> type, String wanted) {
        return list(conditions).stream().filter(c -> wanted.equals(type.apply(c))).findFirst();
    }

    static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    // --- nodes

    /** The EC2 instance id: the last segment of {@code aws:///us-east-1a/i-0abc}. */
    static String instanceId(Node node) {
        String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
        if (providerId == null || providerId.isBlank()) {
            return "<instance-id>";
        }
        String id = providerId.substring(providerId.lastIndexOf('/') + 1);
        return id.isBlank() ? "<instance-id>" : id;
    }

    static String nodegroup(Node node) {
        return orElse(map(node.getMetadata().getLabels()).get(NODEGROUP_LABEL), "<nodegroup>");
    }

    static Map<String, Quantity> allocatable(Node node) {
        return node.getStatus() == null ? Map.of() : map(node.getStatus().getAllocatable());
    }

    // --- pods

    static PodSpec spec(Pod pod) {
        return pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    }

    static PodStatus status(Pod pod) {
        return pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    }

    /** Regular and init container statuses: an init container can crash-loop or be OOMKilled too. */
    static List<ContainerStatus> containerStatuses(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>(list(status(pod).getInitContainerStatuses()));
        all.addAll(list(status(pod).getContainerStatuses()));
        return all;
    }

    /** A container state as kubectl describes it: "waiting (CrashLoopBackOff)", "running", "terminated (Error)". */
    static String describe(ContainerState state) {
        if (state == null) {
            return "unknown";
        }
        if (state.getWaiting() != null) {
            return "waiting (" + orElse(state.getWaiting().getReason(), "no reason") + ")";
        }
        if (state.getTerminated() != null) {
            return "terminated (" + orElse(state.getTerminated().getReason(), "no reason") + ")";
        }
        return state.getRunning() != null ? "running" : "unknown";
    }

    static Optional<Container> container(Pod pod, String name) {
        PodSpec spec = spec(pod);
        return Stream.concat(list(spec.getInitContainers()).stream(),
                list(spec.getContainers()).stream()).filter(c -> name.equals(c.getName())).findFirst();
    }

    static boolean terminated(Pod pod) {
        String phase = status(pod).getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /**
     * The controller as kubectl names it: {@code deployment/api} for a pod of ReplicaSet {@code api-<hash>},
     * {@code <kind>/<name>} for other owners, {@code pod/<name>} for a bare pod.
     */
    static String workload(Pod pod) {
        Resource workload = workloadResource(pod);
        return workload.kind().toLowerCase(Locale.ROOT) + "/" + workload.name();
    }

    /**
     * What the scheduler reserves for a pod, as the kubelet computes it: pod-level requests when set, else
     * the larger of the containers (plus sidecars) and each init container (plus the sidecars started before
     * it), plus the pod overhead. A resource nobody requests is zero.
     */
    static BigDecimal podRequest(Pod pod, String resource, Function<Quantity, BigDecimal> amount) {
        PodSpec spec = spec(pod);
        BigDecimal overhead = amount(map(spec.getOverhead()).get(resource), amount);
        Quantity podLevel = requests(spec.getResources()).get(resource);
        if (podLevel != null) {
            return amount(podLevel, amount).add(overhead);
        }
        BigDecimal containers = list(spec.getContainers()).stream()
                .map(c -> amount(requests(c.getResources()).get(resource), amount))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal sidecars = BigDecimal.ZERO;
        BigDecimal initMax = BigDecimal.ZERO;
        for (Container init : list(spec.getInitContainers())) {
            BigDecimal request = amount(requests(init.getResources()).get(resource), amount);
            BigDecimal during;
            if ("Always".equals(init.getRestartPolicy())) {
                // a sidecar keeps running beside the app containers and every later init container
                sidecars = sidecars.add(request);
                containers = containers.add(request);
                during = sidecars;
            } else {
                during = request.add(sidecars);
            }
            initMax = initMax.max(during);
        }
        return containers.max(initMax).add(overhead);
    }

    private static Map<String, Quantity> requests(ResourceRequirements resources) {
        return resources == null ? Map.of() : map(resources.getRequests());
    }

    static Optional<Quantity> limit(Container container, String resource) {
        ResourceRequirements resources = container.getResources();
        return Optional.ofNullable(resources == null ? null : map(resources.getLimits()).get(resource));
    }

    // --- quantities

    /**
     * Parsed quantities by their text: a large cluster repeats a few hundred values ("100m", "256Mi") over some
     * hundred thousand containers, and several checks read each. Bounded in entries and in the length of a text.
     */
    private static final Map<String, BigDecimal> MILLICORES = new ConcurrentHashMap<>();
    private static final Map<String, BigDecimal> BYTES = new ConcurrentHashMap<>();
    private static final int CACHED_VALUES = 4096;
    private static final int CACHED_TEXT = 32;

    /** CPU in millicores, rounded up as Kubernetes' MilliValue does; zero when absent or unparseable. */
    static BigDecimal millicores(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : cached(MILLICORES, quantity,
                q -> q.getNumericalAmount().multiply(THOUSAND).setScale(0, RoundingMode.CEILING));
    }

    /** Memory in bytes; zero when absent or unparseable. */
    static BigDecimal bytes(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : cached(BYTES, quantity, Quantity::getAmountInBytes);
    }

    /** A plain number (allocatable pods); zero when absent or unparseable. */
    static BigDecimal number(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : parse(quantity, Quantity::getNumericalAmount);
    }

    private static BigDecimal cached(Map<String, BigDecimal> cache, Quantity quantity,
                                     Function<Quantity, BigDecimal> parser) {
        String text = String.valueOf(quantity.getAmount()) + quantity.getFormat();
        if (text.length() > CACHED_TEXT) {
            return parse(quantity, parser);
        }
        BigDecimal value = cache.get(text);
        if (value == null) {
            value = parse(quantity, parser);
            if (cache.size() < CACHED_VALUES) {
                cache.put(text, value);
            }
        }
        return value;
    }

    private static BigDecimal amount(Quantity quantity, Function<Quantity, BigDecimal> amount) {
        return quantity == null ? BigDecimal.ZERO : amount.apply(quantity);
    }

    private static BigDecimal parse(Quantity quantity, Function<Quantity, BigDecimal> parser) {
        try {
            return parser.apply(quantity);
        } catch (RuntimeException e) {
            // a value the API server accepted but fabric8 cannot read counts as not requested
            return BigDecimal.ZERO;
        }
    }

    static String formatMillicores(BigDecimal millicores) {
        return millicores.setScale(0, RoundingMode.CEILING).toPlainString() + "m";
    }

    /** Bytes in the largest binary unit that keeps the value at least 1, to one decimal: 6.5Gi, 512Mi. */
    static String formatBytes(BigDecimal bytes) {
        BigDecimal value = bytes;
        String unit = "";
        for (String next : BINARY_UNITS) {
            if (value.compareTo(KIBI) < 0) {
                break;
            }
            value = value.divide(KIBI);
            unit = next;
        }
        return value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + unit;
    }

    /** Whole percent, truncated as {@code kubectl describe node} shows it; null when the base is unknown. */
    static Integer percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() <= 0) {
            return null;
        }
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 0, RoundingMode.DOWN).intValue();
    }

    // --- time and selectors

    /** An RFC 3339 timestamp as the API serves it; null when absent or malformed. */
    static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** matchLabels as kubectl's {@code -l} takes them: {@code app=api,tier=web}. */
    static String selector(LabelSelector selector) {
        Map<String, String> labels = selector == null ? Map.of() : map(selector.getMatchLabels());
        if (labels.isEmpty()) {
            return "<selector>";
        }
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    // --- workloads

    /** A replica or pod count of a status; absent counts as zero, as kubectl shows it. */
    static int count(Integer value) {
        return value == null ? 0 : value;
    }

    /** The finding resource of a namespaced or cluster-scoped object. */
    static Resource resource(String kind, HasMetadata object) {
        return new Resource(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    // --- ingresses

    static final String ALB_HEALTHCHECK_PATH = "alb.ingress.kubernetes.io/healthcheck-path";

    /** Whether the AWS Load Balancer Controller serves the ingress: class {@code alb} by field or annotation. */
    static boolean alb(Ingress ingress) {
        String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
        return "alb".equals(className)
                || "alb".equals(map(ingress.getMetadata().getAnnotations()).get("kubernetes.io/ingress.class"));
    }

    /** A service an ingress routes to: the rule's host and path ("default" for the default backend). */
    record Backend(String path, String service, String port) {
    }

    /** Every service backend of an ingress, the default backend first; resource backends are left out. */
    static List<Backend> backends(Ingress ingress) {
        IngressSpec spec = ingress.getSpec() == null ? new IngressSpec() : ingress.getSpec();
        List<Backend> backends = new ArrayList<>();
        backend("default", spec.getDefaultBackend()).ifPresent(backends::add);
        for (IngressRule rule : list(spec.getRules())) {
            List<HTTPIngressPath> paths = rule.getHttp() == null ? List.of() : list(rule.getHttp().getPaths());
            for (HTTPIngressPath path : paths) {
                backend(orElse(rule.getHost(), "*") + orElse(path.getPath(), "/"), path.getBackend())
                        .ifPresent(backends::add);
            }
        }
        return backends;
    }

    private static Optional<Backend> backend(String path, IngressBackend backend) {
        IngressServiceBackend service = backend == null ? null : backend.getService();
        if (service == null || service.getName() == null) {
            return Optional.empty();
        }
        ServiceBackendPort port = service.getPort();
        String portName = port == null ? null
                : port.getNumber() != null && port.getNumber() > 0 ? String.valueOf(port.getNumber()) : port.getName();
        return Optional.of(new Backend(path, service.getName(), portName));
    }

    // --- workloads and readiness

    /**
     * The controller of a pod as a finding's resource: {@code Deployment ns/api} for a pod of ReplicaSet
     * {@code api-<hash>}, the owner's kind and name for other owners, the Pod itself when bare.
     */
    static Resource workloadResource(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        List<OwnerReference> owners = list(pod.getMetadata().getOwnerReferences());
        Optional<OwnerReference> owner = owners.stream().filter(o -> Boolean.TRUE.equals(o.getController()))
                .findFirst().or(() -> owners.stream().findFirst());
        if (owner.isEmpty() || owner.get().getKind() == null || owner.get().getName() == null) {
            return new Resource("Pod", namespace, pod.getMetadata().getName());
        }
        String kind = owner.get().getKind();
        String name = owner.get().getName();
        String hash = map(pod.getMetadata().getLabels()).get(TEMPLATE_HASH_LABEL);
        if ("ReplicaSet".equals(kind) && hash != null && !hash.isBlank() && name.endsWith("-" + hash)) {
            return new Resource("Deployment", namespace, name.substring(0, name.length() - hash.length() - 1));
        }
        return new Resource(kind, namespace, name);
    }

    /** The pod's Ready condition, when the kubelet has posted one. */
    static Optional<PodCondition> readyCondition(Pod pod) {
        return condition(status(pod).getConditions(), PodCondition::getType, "Ready");
    }

    /** Running with its Ready condition True: the pod serves traffic. */
    static boolean runningAndReady(Pod pod) {
        return "Running".equals(status(pod).getPhase())
                && readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static boolean crashLooping(ContainerStatus status) {
        return status.getState() != null && status.getState().getWaiting() != null
                && "CrashLoopBackOff".equals(status.getState().getWaiting().getReason());
    }
}
