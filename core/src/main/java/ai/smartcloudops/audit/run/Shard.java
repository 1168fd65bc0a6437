package ai.smartcloudops.audit.run;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * This process's share of a run: shard {@code index} of {@code count}, all shards writing the run that {@code runKey}
 * names. A single process is shard 0 of 1 and has no key.
 */
public record Shard(int index, int count, String runKey) {

    /** Set by Kubernetes in every pod of an Indexed Job. */
    public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** The Job's completions, set by the manifest. */
    public static final String COUNT_ENV = "JOB_COMPLETIONS";
    /** The key every shard of one run shares, set by the manifest from the Job's UID. */
    public static final String RUN_KEY_ENV = "HEALTH_AUDIT_RUN_KEY";

    public static final Shard SINGLE = new Shard(0, 1, null);

    public Shard {
        if (count < 1) {
            throw new UsageException(COUNT_ENV + " must be at least 1, got " + count);
        }
        if (index < 0 || index >= count) {
            throw new UsageException(INDEX_ENV + " must be between 0 and " + (count - 1)
                    + " (" + COUNT_ENV + "=" + count + "), got " + index);
        }
        if (count > 1 && (runKey == null || runKey.isBlank())) {
            throw new UsageException(RUN_KEY_ENV + " is required when " + COUNT_ENV + " is above 1: "
                    + "the shards of one run find each other by it");
        }
        if (runKey != null && runKey.length() > 200) {
            throw new UsageException(RUN_KEY_ENV + " must be at most 200 characters");
        }
    }

    /**
     * The shard the environment describes: {@value #INDEX_ENV} and {@value #COUNT_ENV} together (an Indexed Job),
     * else a single process. A run key alone makes a single-process run that a retried pod joins again.
     */
    public static Shard fromEnvironment(Map<String, String> env) {
        String index = blankToNull(env.get(INDEX_ENV));
        String count = blankToNull(env.get(COUNT_ENV));
        String key = blankToNull(env.get(RUN_KEY_ENV));
        if ((index == null) != (count == null)) {
            throw new UsageException("set both " + INDEX_ENV + " and " + COUNT_ENV + " (an Indexed Job "
                    + "sets the index; the manifest sets the count to spec.completions), or neither");
        }
        if (index == null) {
            return key == null ? SINGLE : new Shard(0, 1, key);
        }
        return new Shard(number(INDEX_ENV, index), number(COUNT_ENV, count), key);
    }

    public boolean single() {
        return count == 1;
    }

    /**
     * The targets this shard audits: every distinct name in sorted order, dealt round-robin over the shards, so
     * every shard computes the same split from the same configuration and each target falls to exactly one.
     */
    public Set<String> share(Collection<String> targetNames) {
        var sorted = new TreeSet<>(targetNames).stream().toList();
        return IntStream.range(0, sorted.size()).filter(i -> i % count == index)
                .mapToObj(sorted::get).collect(Collectors.toCollection(TreeSet::new));
    }

    /** "shard 2 of 4", counted from 1 as an operator reads it. */
    public String describe() {
        return "shard " + (index + 1) + " of " + count;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
