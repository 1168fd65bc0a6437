package ai.smartcloudops.audit.finding;

import java.util.Objects;

/** The object a finding is about; namespace is null for cluster-scoped or non-Kubernetes resources. */
public record Resource(String kind, String namespace, String name) {

    public Resource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("resource kind and name must not be blank");
        }
        namespace = namespace == null || namespace.isBlank() ? null : namespace;
    }

    public static Resource of(String kind, String name) {
        return new Resource(kind, null, name);
    }

    /** kind/namespace/name, or kind/name when cluster-scoped. */
    public String path() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
