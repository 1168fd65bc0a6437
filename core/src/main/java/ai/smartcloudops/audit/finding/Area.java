package ai.smartcloudops.audit.finding;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The areas of the estate, each with its code prefix (popeye-style registry). */
public enum Area {
    KUBERNETES("K8S", "Kubernetes"),
    POSTGRES("PG", "PostgreSQL"),
    REDIS("REDIS", "Redis"),
    TLS("TLS", "Certificates"),
    PROMETHEUS("PROM", "Prometheus"),
    LOGGING("LOG", "Logging"),
    AWS("AWS", "AWS"),
    APP("APP", "Application"),
    AUDIT("AUDIT", "Audit");

    private final String prefix;
    private final String title;

    Area(String prefix, String title) {
        this.prefix = prefix;
        this.title = title;
    }

    public String prefix() {
        return prefix;
    }

    public String title() {
        return title;
    }

    /** The lower-case name used on the command line and in findings.json. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Area parse(String value) {
        return Arrays.stream(values()).filter(a -> a.id().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown area '" + value + "'; valid areas: "
                        + Arrays.stream(values()).map(Area::id).collect(Collectors.joining(", "))));
    }

    /** The areas as one comma-separated list of ids, sorted: how job parameters and run options hold them. */
    public static String join(Collection<Area> areas) {
        return areas.stream().map(Area::id).sorted().collect(Collectors.joining(","));
    }

    /** The areas of a list {@link #join} wrote; null or empty is none (every area). */
    public static Set<Area> split(String ids) {
        if (ids == null || ids.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).map(Area::parse)
                .collect(Collectors.toSet());
    }
}
