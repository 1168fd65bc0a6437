package ai.smartcloudops.audit.check;

import java.util.Objects;

/** Something a check audits: a cluster, a database, an endpoint, an account and region. */
public record Target(String name, String kind) {

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("target name must not be blank");
        }
    }
}
