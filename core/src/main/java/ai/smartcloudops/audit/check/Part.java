package ai.smartcloudops.audit.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One part of what an area reads of its target once for all its checks: its value, or the gap a refusal left, or why
 * it failed, or nothing when no check of the run needed it. A part that cannot be read is the concern of the checks
 * that inspect it alone: the other checks of the target go on.
 *
 * @param value   what was read, else null
 * @param gap     what a refusal hid, else null: the checks that inspect the part are partial
 * @param failure why the part could not be read otherwise, else null: the checks that inspect it fail with it
 */
public record Part<T>(T value, Gap gap, RuntimeException failure) {

    public Part {
        int set = (value == null ? 0 : 1) + (gap == null ? 0 : 1) + (failure == null ? 0 : 1);
        if (set > 1) {
            throw new IllegalArgumentException("a part is a value, a gap or a failure");
        }
        value = value instanceof List<?> list ? cast(List.copyOf(list))
                : value instanceof Map<?, ?> map ? cast(Collections.unmodifiableMap(new LinkedHashMap<>(map)))
                : value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object copy) {
        return (T) copy;
    }

    public static <T> Part<T> of(T value) {
        return new Part<>(Objects.requireNonNull(value, "value"), null, null);
    }

    /** A part no check of the run inspects. */
    public static <T> Part<T> unread() {
        return new Part<>(null, null, null);
    }

    public static <T> Part<T> refused(Gap gap) {
        return new Part<>(null, Objects.requireNonNull(gap, "gap"), null);
    }

    public static <T> Part<T> failed(RuntimeException failure) {
        return new Part<>(null, null, Objects.requireNonNull(failure, "failure"));
    }

    /**
     * The answer of {@code call}; a refusal is the part's gap and any other failure its own, except a skip (the
     * target out of reach), which ends the whole read.
     */
    public static <T> Part<T> read(Supplier<T> call) {
        try {
            return of(call.get());
        } catch (NotPermittedException e) {
            return refused(e.gap());
        } catch (CheckSkippedException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** What is read from this part's value, as {@link #read} reads; this part's gap, failure or absence without one. */
    public <R> Part<R> then(Function<? super T, ? extends R> next) {
        return value == null ? new Part<>(null, gap, failure) : read(() -> next.apply(value));
    }

    /**
     * The value, for a check that inspects it: empty when it was refused (the check's coverage is partial, with the
     * gap's AUDIT-904); a failure fails the check, a skip skips it.
     */
    public Optional<T> in(CheckContext context) {
        if (gap != null) {
            context.partial(gap);
            return Optional.empty();
        }
        return Optional.of(get(context));
    }

    /** The value of a part no refusal can leave; a failure fails the check, a skip skips it. */
    public T get(CheckContext context) {
        if (failure != null) {
            throw failure;
        }
        if (gap != null) {
            throw new IllegalStateException(context.checkId() + " cannot judge a refused part: " + gap.reason());
        }
        if (value == null) {
            throw new IllegalStateException("no check of " + context.checkId() + "'s run needed this part");
        }
        return value;
    }
}
