package ai.smartcloudops.audit.finding;

import ai.smartcloudops.audit.text.Text;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a (check, target) did in a run, with the reason when it did not run in full. */
public record Coverage(String check, String target, CoverageStatus status, long durationMs, int findings,
                       String reason) {

    /** The reason often quotes what a target answered: cleaned like a finding's text. */
    public Coverage {
        Objects.requireNonNull(status, "coverage status");
        target = Text.clean(target);
        reason = Text.clean(reason);
    }

    /** Ran in full: it saw all it reads. */
    public boolean ran() {
        return status == CoverageStatus.RAN;
    }

    /** Had nothing to read: the part of the configuration it needs is absent. */
    public boolean notConfigured() {
        return status == CoverageStatus.NOT_CONFIGURED;
    }

    /** How many did not run in full, by status: {@code 2 partial, 1 not configured}; empty when none. */
    public static String breakdown(List<Coverage> coverage) {
        return coverage.stream().filter(c -> !c.ran())
                .collect(Collectors.groupingBy(c -> c.status().toString(), TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /**
     * The checks that did not run in full, grouped by target and why, ordered by target and check: an unreachable
     * target stops all of its checks the same way, and says so once.
     */
    public static Map<NotRun, List<String>> notRun(List<Coverage> coverage) {
        return coverage.stream().filter(c -> !c.ran())
                .sorted(Comparator.comparing(Coverage::target).thenComparing(Coverage::check))
                .collect(Collectors.groupingBy(c -> new NotRun(c.target(), c.status(), c.reason()),
                        LinkedHashMap::new, Collectors.mapping(Coverage::check, Collectors.toList())));
    }

    /** Why checks did not run in full on a target: the status and its reason (null when none was recorded). */
    public record NotRun(String target, CoverageStatus status, String reason) {
    }
}
