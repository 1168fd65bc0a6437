package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.demo.DemoBlackhole;
import ai.smartcloudops.audit.finding.Finding;
import java.time.Duration;
import java.util.List;

/**
 * One probe of many endpoints of which some are blackholes (accept, never answer), as the scale tests run it small
 * (bounds that cannot flake) and the benchmark mains run it at the size (core/src/test/bench/endpoints.sh,
 * docs/benchmarks.md "Endpoints that never answer").
 *
 * @param what      the area, what the answering endpoints serve, and the concurrency
 * @param endpoints endpoints probed, blackholes included
 * @param timeouts  the configured timeouts, as the docs show them
 * @param timeout   what a blackhole costs: the longer of the probe's timeouts
 * @param wall      from the probe's start to its last result
 * @param reached   when each blackhole accepted its one connection ({@link System#nanoTime}), in order
 * @param findings  what the checks found
 * @param expected  code and resource of each blackhole's finding
 */
public record BlackholeRun(String what, int endpoints, String timeouts, Duration timeout, Duration wall,
                           List<Long> reached, List<Finding> findings, List<String> expected) {

    public BlackholeRun {
        reached = List.copyOf(reached);
        findings = List.copyOf(findings);
        expected = List.copyOf(expected);
    }

    /** When each blackhole was reached, sorted; each must have been connected to exactly once (no retry). */
    public static List<Long> reached(List<DemoBlackhole> blackholes) {
        return blackholes.stream().map(b -> {
            assertThat(b.accepted()).as("connections to blackhole port %d", b.port()).hasSize(1);
            return b.accepted().get(0);
        }).sorted().toList();
    }

    /** The run found exactly the blackholes, each reached once: a measurement of anything else is no measurement. */
    public BlackholeRun verify() {
        assertThat(findings).extracting(f -> f.code().code() + " " + f.resource().name())
                .as("findings, why: %s", findings.stream().map(Finding::detail).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(reached).hasSize(expected.size());
        return this;
    }

    /** From the first blackhole reached to the last: under one timeout when they were waited for side by side. */
    public Duration spread() {
        return Duration.ofNanos(reached.get(reached.size() - 1) - reached.get(0));
    }

    /** The bound on the wall time: two of the timeouts a blackhole costs. */
    public Duration bound() {
        return timeout.multipliedBy(2);
    }

    /** What endpoints.sh reads, tab-separated: what, endpoints, timeouts, wall ms, bound ms (- without blackholes). */
    public String line() {
        return String.join("\t", what, endpoints + ", " + expected.size() + " blackholed", timeouts,
                String.valueOf(wall.toMillis()), expected.isEmpty() ? "-" : String.valueOf(bound().toMillis()));
    }

    /** {@code 5 s}, or {@code 1,500 ms} when not whole seconds. */
    public static String shown(Duration duration) {
        return duration.toMillisPart() == 0 ? duration.toSeconds() + " s"
                : String.format("%,d ms", duration.toMillis());
    }
}
