package ai.smartcloudops.audit.check;

import java.util.Objects;

/**
 * The name a value is shared under by the checks of a target (or of a run), typed: two keys of one name but different
 * types are different keys, so a snapshot read under one can never be handed out as another.
 *
 * @param type the value's class (its raw class for a generic one, e.g. {@code List.class})
 */
public record SharedKey<T>(String name, Class<?> type) {

    public SharedKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> SharedKey<T> of(String name, Class<? super T> type) {
        return new SharedKey<>(name, type);
    }
}
