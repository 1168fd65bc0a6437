package ai.smartcloudops.audit.finding;

import ai.smartcloudops.audit.text.Text;
import java.util.Objects;

/**
 * The object a finding is about; namespace is null for cluster-scoped or non-Kubernetes resources. Names are
 * {@link Text#clean cleaned} before anything (the fingerprint among them) is derived from them.
 */
public record Resource(String kind, String namespace, String name) {

    public Resource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("resource kind and name must not be blank");
        }
        kind = Text.clean(kind);
        name = Text.clean(name);
        namespace = namespace == null || namespace.isBlank() ? null : Text.clean(namespace);
    }

    public static Resource of(String kind, String name) {
        return new Resource(kind, null, name);
    }

    /** kind/namespace/name, or kind/name when cluster-scoped. */
    public String path() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
